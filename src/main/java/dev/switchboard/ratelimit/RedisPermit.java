package dev.switchboard.ratelimit;

import io.github.bucket4j.distributed.AsyncBucketProxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A request's hold on the Redis limits. Release frees its slot and moves the token bucket by what
 * the request used beyond what it took, over the connection current at release (the one it was
 * admitted over may have been replaced meanwhile). It cannot fail the request: if Redis does not
 * answer, the slot expires within its ttl and the correction is lost (logged).
 */
final class RedisPermit implements Permit {
  private static final System.Logger LOG = System.getLogger("switchboard.ratelimit");

  private final RedisRateLimiter limiter;
  private final RedisLink.Session admittedOver;
  private final String keyId;
  private final @Nullable String slot;
  private final long tokenLimit;
  private final long tokensTaken;
  private final Map<String, String> headers;
  private final AtomicBoolean released = new AtomicBoolean();

  /** {@code tokenLimit} is 0 when the key has no token limit (and {@code tokensTaken} is 0). */
  RedisPermit(
      RedisRateLimiter limiter,
      RedisLink.Session admittedOver,
      String keyId,
      @Nullable String slot,
      long tokenLimit,
      long tokensTaken,
      Map<String, String> headers) {
    this.limiter = limiter;
    this.admittedOver = admittedOver;
    this.keyId = keyId;
    this.slot = slot;
    this.tokenLimit = tokenLimit;
    this.tokensTaken = tokensTaken;
    this.headers = headers;
  }

  @Override
  public void release(long actualTokens) {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    RedisLink.Session current = limiter.currentSession();
    RedisLink.Session session = current != null ? current : admittedOver;
    if (slot != null) {
      limiter.slots().free(session.redis(), slot);
    }
    long delta = actualTokens - tokensTaken;
    if (tokenLimit == 0 || delta == 0) {
      return;
    }
    try {
      AsyncBucketProxy bucket = limiter.bucket(session, "tpm", keyId, tokenLimit);
      CompletableFuture<?> correction =
          delta < 0 ? bucket.addTokens(-delta) : bucket.consumeIgnoringRateLimits(delta);
      correction.whenComplete(
          (ignored, failure) -> {
            if (failure != null) {
              notCorrected(delta, failure);
            }
          });
    } catch (RuntimeException closed) { // a closed connection refuses at once
      notCorrected(delta, closed);
    }
  }

  private static void notCorrected(long delta, Throwable failure) {
    LOG.log(
        System.Logger.Level.WARNING,
        "Tokens per minute not corrected by {0} (Redis did not answer): {1}",
        delta,
        failure.toString());
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }
}
