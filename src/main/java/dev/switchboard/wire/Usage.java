package dev.switchboard.wire;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Token usage of one request in OpenAI's semantics: prompt tokens include the cached ones and
 * completion tokens include the reasoning ones. {@code cost} is set by the gateway once it has
 * priced the request (USD, exact), never by a provider.
 */
public record Usage(
    long promptTokens,
    long completionTokens,
    long cachedPromptTokens,
    long reasoningTokens,
    Source source,
    Optional<BigDecimal> cost) {

  /** Where the counts came from. */
  public enum Source {
    PROVIDER,
    ESTIMATED
  }

  public Usage {
    if (promptTokens < 0 || completionTokens < 0 || cachedPromptTokens < 0 || reasoningTokens < 0) {
      throw new IllegalArgumentException("token counts cannot be negative");
    }
  }

  public static Usage reported(long prompt, long completion, long cached, long reasoning) {
    return new Usage(prompt, completion, cached, reasoning, Source.PROVIDER, Optional.empty());
  }

  public static Usage estimated(long prompt, long completion) {
    return new Usage(prompt, completion, 0, 0, Source.ESTIMATED, Optional.empty());
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }

  public boolean isEstimated() {
    return source == Source.ESTIMATED;
  }

  public Usage withCost(BigDecimal usd) {
    return new Usage(
        promptTokens,
        completionTokens,
        cachedPromptTokens,
        reasoningTokens,
        source,
        Optional.of(usd));
  }
}
