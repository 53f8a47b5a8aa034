package dev.switchboard.wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The generation controls a client set, in canonical terms. Unset means the provider's default; a
 * format writes only what is set. Build with {@link #builder()}.
 */
public record Controls(
    OptionalLong maxOutputTokens,
    OptionalDouble temperature,
    OptionalDouble topP,
    OptionalLong topK,
    List<String> stop,
    OptionalLong seed,
    ToolChoice toolChoice,
    Optional<Boolean> parallelToolCalls,
    ResponseFormat responseFormat,
    Optional<Reasoning> reasoning,
    Optional<String> user,
    Map<String, String> metadata) {

  public static final Controls NONE = builder().build();

  public Controls {
    stop = List.copyOf(stop);
    metadata = Map.copyOf(metadata);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Fills the controls one at a time, the way a format's parser reads them. */
  public static final class Builder {
    private OptionalLong maxOutputTokens = OptionalLong.empty();
    private OptionalDouble temperature = OptionalDouble.empty();
    private OptionalDouble topP = OptionalDouble.empty();
    private OptionalLong topK = OptionalLong.empty();
    private List<String> stop = List.of();
    private OptionalLong seed = OptionalLong.empty();
    private ToolChoice toolChoice = ToolChoice.AUTO;
    private Optional<Boolean> parallelToolCalls = Optional.empty();
    private ResponseFormat responseFormat = ResponseFormat.TEXT;
    private Optional<Reasoning> reasoning = Optional.empty();
    private Optional<String> user = Optional.empty();
    private Map<String, String> metadata = Map.of();

    private Builder() {}

    public Builder maxOutputTokens(OptionalLong value) {
      maxOutputTokens = value;
      return this;
    }

    public Builder temperature(OptionalDouble value) {
      temperature = value;
      return this;
    }

    public Builder topP(OptionalDouble value) {
      topP = value;
      return this;
    }

    public Builder topK(OptionalLong value) {
      topK = value;
      return this;
    }

    public Builder stop(List<String> value) {
      stop = value;
      return this;
    }

    public Builder seed(OptionalLong value) {
      seed = value;
      return this;
    }

    public Builder toolChoice(ToolChoice value) {
      toolChoice = value;
      return this;
    }

    public Builder parallelToolCalls(Optional<Boolean> value) {
      parallelToolCalls = value;
      return this;
    }

    public Builder responseFormat(ResponseFormat value) {
      responseFormat = value;
      return this;
    }

    public Builder reasoning(Optional<Reasoning> value) {
      reasoning = value;
      return this;
    }

    public Builder user(Optional<String> value) {
      user = value;
      return this;
    }

    public Builder metadata(Map<String, String> value) {
      metadata = value;
      return this;
    }

    public Controls build() {
      return new Controls(
          maxOutputTokens,
          temperature,
          topP,
          topK,
          stop,
          seed,
          toolChoice,
          parallelToolCalls,
          responseFormat,
          reasoning,
          user,
          metadata);
    }
  }
}
