package dev.switchboard.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A model as its author publishes it, independent of who serves it. {@code firstTokenTimeout}: how
 * long its streams may go without content before the gateway gives up on a provider, for models
 * whose reasoning is not streamed (absent: the routing default). {@code id} is OpenRouter-style
 * {@code author/slug}; {@code originCountry} is the author's ISO 3166 alpha-2 country; {@code
 * created} is the release date in epoch seconds; parameter counts are raw counts where public.
 */
public record Model(
    String id,
    String name,
    String author,
    String originCountry,
    int contextLength,
    OptionalInt maxOutputTokens,
    boolean openWeights,
    OptionalLong totalParams,
    OptionalLong activeParams,
    List<String> inputModalities,
    List<String> outputModalities,
    List<String> supportedParameters,
    String description,
    long created,
    Optional<Duration> firstTokenTimeout) {

  public Model {
    inputModalities = List.copyOf(inputModalities);
    outputModalities = List.copyOf(outputModalities);
    supportedParameters = List.copyOf(supportedParameters);
  }

  /**
   * Whether a request parameter (OpenRouter name: tools, response_format, reasoning, ...) is
   * supported.
   */
  public boolean supports(String parameter) {
    return supportedParameters.contains(parameter);
  }
}
