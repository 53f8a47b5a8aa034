package dev.switchboard.ratelimit;

import java.time.Duration;
import java.util.Map;

/** A request refused by a rate limit: becomes 429 with {@code Retry-After} and these headers. */
public final class RateLimited extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String limit;
  private final Duration retryAfter;
  private final transient Map<String, String> headers;

  public RateLimited(String limit, Duration retryAfter, Map<String, String> headers) {
    super("rate limit exceeded: " + limit + ", retry after " + retryAfter.toMillis() + " ms");
    this.limit = limit;
    this.retryAfter = retryAfter;
    this.headers = Map.copyOf(headers);
  }

  /** Which limit refused: "requests per minute", "tokens per minute" or "concurrent requests". */
  public String limit() {
    return limit;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** The {@code X-RateLimit-*} headers (and {@code Retry-After}) to send with the 429. */
  public Map<String, String> headers() {
    return headers;
  }
}
