package dev.switchboard.ratelimit;

import io.github.bucket4j.TimeMeter;

/** Builds the rate limiter of a deployment: in process on one node, on Redis in a cluster. */
public final class RateLimiters {
  private RateLimiters() {}

  /** Buckets in this process: exact on one node. */
  public static RateLimiter local() {
    return new LocalRateLimiter(TimeMeter.SYSTEM_NANOTIME);
  }

  /**
   * Buckets and concurrency slots on Redis ({@code redis://HOST:PORT}), shared by every node using
   * the same key prefix.
   */
  public static RateLimiter redis(String url, String prefix) {
    return new RedisRateLimiter(
        url, prefix, TimeMeter.SYSTEM_MILLISECONDS, RedisRateLimiter.DEFAULT_SLOT_TTL);
  }
}
