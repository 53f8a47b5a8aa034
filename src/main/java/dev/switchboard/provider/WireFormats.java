package dev.switchboard.provider;

import dev.switchboard.wire.WireFormat;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiFormat;
import dev.switchboard.wire.responses.ResponsesFormat;
import java.util.List;
import java.util.Optional;

/** The one list of wire formats this build speaks. A new format is one line here. */
public final class WireFormats {
  private static final OpenAiFormat OPENAI = new OpenAiFormat();
  private static final List<WireFormat> ALL =
      List.of(OPENAI, new AnthropicFormat(), new GeminiFormat(), new ResponsesFormat(OPENAI));

  private WireFormats() {}

  public static List<WireFormat> all() {
    return ALL;
  }

  public static Optional<WireFormat> find(String name) {
    return ALL.stream().filter(format -> format.name().equals(name)).findFirst();
  }
}
