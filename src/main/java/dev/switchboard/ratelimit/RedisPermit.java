package dev.switchboard.ratelimit;

import io.github.bucket4j.distributed.AsyncBucketProxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A request's hold on the Redis limits. Release frees its slot and moves the token bucket by what
 * the request used beyond what it took. It cannot fail the request: if Redis does not answer, the
 * slot expires within its ttl and the correction is lost (logged).
 */
final class RedisPermit implements Permit {
  private static final System.Logger LOG = System.getLogger("switchboard.ratelimit");

  private final RedisRateLimiter limiter;
  private final RedisLink.Session session;
  private final @Nullable String slot;
  private final @Nullable AsyncBucketProxy tokenBucket;
  private final long tokensTaken;
  private final Map<String, String> headers;
  private final AtomicBoolean released = new AtomicBoolean();

  RedisPermit(
      RedisRateLimiter limiter,
      RedisLink.Session session,
      @Nullable String slot,
      @Nullable AsyncBucketProxy tokenBucket,
      long tokensTaken,
      Map<String, String> headers) {
    this.limiter = limiter;
    this.session = session;
    this.slot = slot;
    this.tokenBucket = tokenBucket;
    this.tokensTaken = tokensTaken;
    this.headers = headers;
  }

  @Override
  public void release(long actualTokens) {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    if (slot != null) {
      limiter.slots().free(session.redis(), slot);
    }
    AsyncBucketProxy bucket = tokenBucket;
    long delta = actualTokens - tokensTaken;
    if (bucket == null || delta == 0) {
      return;
    }
    CompletableFuture<?> correction =
        delta < 0 ? bucket.addTokens(-delta) : bucket.consumeIgnoringRateLimits(delta);
    correction.whenComplete(
        (ignored, failure) -> {
          if (failure != null) {
            LOG.log(
                System.Logger.Level.WARNING,
                "Tokens per minute not corrected by {0} (Redis did not answer): {1}",
                delta,
                failure.toString());
          }
        });
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }
}
