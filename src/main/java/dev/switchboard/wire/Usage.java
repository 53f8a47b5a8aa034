package dev.switchboard.wire;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Token usage of one request in OpenAI's semantics: {@code promptTokens} counts every input token,
 * the cached ones included, and {@code completionTokens} includes the reasoning ones. Of the
 * prompt, {@code cachedPromptTokens} were read from a prompt cache and {@code cacheWrite5mTokens} /
 * {@code cacheWrite1hTokens} were written to one with a 5-minute / 1-hour lifetime (Anthropic bills
 * those above the input price). {@code cost} is set by the gateway once it has priced the request
 * (USD, exact), never by a provider.
 */
public record Usage(
    long promptTokens,
    long completionTokens,
    long cachedPromptTokens,
    long cacheWrite5mTokens,
    long cacheWrite1hTokens,
    long reasoningTokens,
    Source source,
    Optional<BigDecimal> cost) {

  /** Where the counts came from. */
  public enum Source {
    PROVIDER,
    ESTIMATED
  }

  public Usage {
    if (promptTokens < 0
        || completionTokens < 0
        || cachedPromptTokens < 0
        || cacheWrite5mTokens < 0
        || cacheWrite1hTokens < 0
        || reasoningTokens < 0) {
      throw new IllegalArgumentException("token counts cannot be negative");
    }
  }

  /** Counts a provider reported, with no cache writes (add them with {@link #withCacheWrites}). */
  public static Usage reported(long prompt, long completion, long cached, long reasoning) {
    return new Usage(
        prompt, completion, cached, 0, 0, reasoning, Source.PROVIDER, Optional.empty());
  }

  public static Usage estimated(long prompt, long completion) {
    return new Usage(prompt, completion, 0, 0, 0, 0, Source.ESTIMATED, Optional.empty());
  }

  /**
   * This usage with the prompt tokens written to a cache: {@code fiveMinute} to a 5-minute cache,
   * {@code oneHour} to a 1-hour cache. Both are part of {@link #promptTokens}.
   *
   * @throws IllegalArgumentException if either count is negative
   */
  public Usage withCacheWrites(long fiveMinute, long oneHour) {
    return new Usage(
        promptTokens,
        completionTokens,
        cachedPromptTokens,
        fiveMinute,
        oneHour,
        reasoningTokens,
        source,
        cost);
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }

  /** Prompt tokens written to a cache, both lifetimes together. */
  public long cacheWriteTokens() {
    return Math.addExact(cacheWrite5mTokens, cacheWrite1hTokens);
  }

  public boolean isEstimated() {
    return source == Source.ESTIMATED;
  }

  public Usage withCost(BigDecimal usd) {
    return new Usage(
        promptTokens,
        completionTokens,
        cachedPromptTokens,
        cacheWrite5mTokens,
        cacheWrite1hTokens,
        reasoningTokens,
        source,
        Optional.of(usd));
  }
}
