package dev.switchboard.catalog;

import java.util.OptionalInt;

/**
 * One model served by one provider: the provider's own name for it, its prices there, and limits
 * that differ from the model's (absent = the model's own).
 */
public record Deployment(
    String modelId,
    String providerId,
    String upstreamModel,
    PriceSheet prices,
    OptionalInt contextLength,
    OptionalInt maxOutputTokens) {

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
