package dev.switchboard.ratelimit;

import dev.switchboard.account.ApiKey;
import java.util.concurrent.CompletableFuture;

/** Admits a key's request against its RPM, TPM and concurrency limits, or says why not. */
public interface RateLimiter extends AutoCloseable {

  /**
   * Never blocks the caller. Completes with a permit, or exceptionally with {@link RateLimited}, or
   * {@link RateLimiterUnavailable} (Redis unreachable: fail closed, fast, <= 1 s).
   */
  CompletableFuture<Permit> acquire(ApiKey key, long reservedTokens);

  /** Admits everything: for keys and deployments without rate limits. */
  RateLimiter NONE =
      new RateLimiter() {
        @Override
        public CompletableFuture<Permit> acquire(ApiKey key, long reservedTokens) {
          return CompletableFuture.completedFuture(UnlimitedPermit.INSTANCE);
        }

        @Override
        public void close() {}
      };

  /**
   * Whether the limiter can decide right now, for {@code /health/ready}: false while its store
   * (Redis) does not answer, when every limited request is refused. Local limiters always can.
   */
  default boolean ready() {
    return true;
  }

  @Override
  void close();
}
