package dev.switchboard.ratelimit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code X-RateLimit-*} headers. {@code X-RateLimit-Limit/-Remaining/-Reset} describe one
 * limit: the one that refused a request, otherwise the first the key sets (requests, then tokens,
 * then concurrency). Reset is epoch milliseconds, as OpenRouter sends it. Every limit also gets its
 * own {@code X-RateLimit-Limit-Requests} (and {@code -Remaining-}, {@code -Reset-}; {@code Tokens},
 * {@code Concurrency}) so a client sees all of them.
 */
final class RateLimitHeaders {
  private RateLimitHeaders() {}

  static Map<String, String> admitted(List<LimitState> states) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (!states.isEmpty()) {
      describe(headers, states.getFirst(), "");
    }
    for (LimitState state : states) {
      describe(headers, state, "-" + state.kind().headerSuffix());
    }
    return Collections.unmodifiableMap(headers);
  }

  static RateLimited refusal(LimitState refused, Duration retryAfter, List<LimitState> others) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Retry-After", Long.toString(retryAfterSeconds(retryAfter)));
    describe(headers, refused, "");
    describe(headers, refused, "-" + refused.kind().headerSuffix());
    for (LimitState state : others) {
      describe(headers, state, "-" + state.kind().headerSuffix());
    }
    return new RateLimited(refused.kind().description(), retryAfter, headers);
  }

  /** Whole seconds, rounded up, at least 1: a client retrying at once would only be refused. */
  static long retryAfterSeconds(Duration retryAfter) {
    return Math.max(1, Math.ceilDiv(retryAfter.toMillis(), 1000));
  }

  private static void describe(Map<String, String> headers, LimitState state, String suffix) {
    headers.put("X-RateLimit-Limit" + suffix, Long.toString(state.limit()));
    headers.put("X-RateLimit-Remaining" + suffix, Long.toString(state.remaining()));
    state
        .resetAtMillis()
        .ifPresent(at -> headers.put("X-RateLimit-Reset" + suffix, Long.toString(at)));
  }
}
