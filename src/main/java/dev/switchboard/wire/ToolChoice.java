package dev.switchboard.wire;

import java.util.Optional;

/** Whether and which tool the model must call; {@code name} is set only for NAMED. */
public record ToolChoice(Mode mode, Optional<String> name) {
  /** The model decides, calls none, must call one, or must call {@link #name}. */
  public enum Mode {
    AUTO,
    NONE,
    REQUIRED,
    NAMED
  }

  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, Optional.empty());
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, Optional.empty());
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, Optional.empty());

  public static ToolChoice named(String tool) {
    return new ToolChoice(Mode.NAMED, Optional.of(tool));
  }
}
