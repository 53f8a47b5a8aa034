package dev.switchboard.budget;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many output tokens a request to a model is expected to produce: a high percentile of the
 * model's recent answers (a fixed default until it has answered), never above the request's
 * max_tokens nor the model's output cap. A low estimate is safe: streams top their reservation up
 * and unary requests have max_tokens lowered to what was reserved. Per model, in memory,
 * thread-safe, cheap.
 */
public final class OutputEstimates {
  /** The estimate for a model with no recorded answer yet. */
  public static final long DEFAULT_TOKENS = 1024;

  private static final int MAX_MODELS = 4096;

  private final ConcurrentHashMap<String, RecentOutputs> models = new ConcurrentHashMap<>();

  public long expectedOutputTokens(String modelId, OptionalLong maxTokens, OptionalLong outputCap) {
    RecentOutputs recent = models.get(modelId);
    long expected = recent == null ? DEFAULT_TOKENS : recent.highPercentile(DEFAULT_TOKENS);
    if (maxTokens.isPresent()) {
      expected = Math.min(expected, maxTokens.getAsLong());
    }
    if (outputCap.isPresent()) {
      expected = Math.min(expected, outputCap.getAsLong());
    }
    return Math.max(0, expected);
  }

  public void observe(String modelId, long completionTokens) {
    if (completionTokens < 0) {
      return;
    }
    RecentOutputs recent = models.get(modelId);
    if (recent == null) {
      if (models.size() >= MAX_MODELS) {
        return; // a bounded table: an unknown flood of names keeps the default estimate
      }
      recent = models.computeIfAbsent(modelId, m -> new RecentOutputs());
    }
    recent.add(completionTokens);
  }
}
