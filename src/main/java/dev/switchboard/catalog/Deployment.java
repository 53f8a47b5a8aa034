package dev.switchboard.catalog;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One model served by one provider: the provider's own name for it, its prices there, limits and
 * supported parameters that differ from the model's (absent = the model's own), and the
 * quantization it is served at (OpenRouter's names; {@code unknown} when not published).
 */
public record Deployment(
    String modelId,
    String providerId,
    String upstreamModel,
    PriceSheet prices,
    OptionalInt contextLength,
    OptionalInt maxOutputTokens,
    String quantization,
    Optional<List<String>> supportedParameters) {

  /** OpenRouter's quantization names, the values {@link #quantization} may take. */
  public static final List<String> QUANTIZATIONS =
      List.of(
          "int4", "int8", "fp4", "mxfp4", "nvfp4", "fp6", "fp8", "mxfp8", "fp16", "bf16", "fp32",
          "unknown");

  public Deployment {
    supportedParameters = supportedParameters.map(List::copyOf);
  }

  /** A deployment of unknown quantization that supports what its model supports. */
  public Deployment(
      String modelId,
      String providerId,
      String upstreamModel,
      PriceSheet prices,
      OptionalInt contextLength,
      OptionalInt maxOutputTokens) {
    this(
        modelId,
        providerId,
        upstreamModel,
        prices,
        contextLength,
        maxOutputTokens,
        "unknown",
        Optional.empty());
  }

  /**
   * Whether a request parameter (OpenRouter name) works here: the deployment's own list when
   * declared (a provider may serve fewer), else the model's.
   */
  public boolean supports(Model model, String parameter) {
    return supportedParameters
        .map(list -> list.contains(parameter))
        .orElse(model.supports(parameter));
  }

  /** Names this deployment in health, logs and the API: {@code model@provider}. */
  public String key() {
    return modelId + "@" + providerId;
  }

  /** The context window at this provider: its own limit when declared, else the model's. */
  public int effectiveContextLength(Model model) {
    return contextLength.orElse(model.contextLength());
  }

  /**
   * The output limit at this provider: its own when declared, else the model's, else none known.
   */
  public OptionalInt effectiveMaxOutputTokens(Model model) {
    return maxOutputTokens.isPresent() ? maxOutputTokens : model.maxOutputTokens();
  }
}
