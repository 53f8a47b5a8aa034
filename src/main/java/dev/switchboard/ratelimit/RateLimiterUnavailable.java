package dev.switchboard.ratelimit;

import org.jspecify.annotations.Nullable;

/**
 * The limiter's store (Redis) could not be reached in time: the request is refused (503 {@code
 * rate_limiter_unavailable}) rather than admitted unchecked.
 */
public final class RateLimiterUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RateLimiterUnavailable(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
