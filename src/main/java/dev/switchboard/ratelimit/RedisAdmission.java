package dev.switchboard.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One request's way through the Redis limits, cheapest refusal first: a concurrency slot, then one
 * request, then its tokens. A refusal, or a failure, gives back what the earlier steps took (a
 * request refused for tokens does not cost one of the minute's requests). The steps run one after
 * another, each on the thread that completed the one before, so the fields need no locks.
 */
final class RedisAdmission {
  private final RedisRateLimiter limiter;
  private final String keyId;
  private final KeyLimits limits;
  private final long tokens;
  private final List<LimitState> seen = new ArrayList<>(3);
  private @Nullable String slot;
  private @Nullable AsyncBucketProxy requestBucket;
  private @Nullable AsyncBucketProxy tokenBucket;

  RedisAdmission(RedisRateLimiter limiter, String keyId, KeyLimits limits, long tokens) {
    this.limiter = limiter;
    this.keyId = keyId;
    this.limits = limits;
    this.tokens = tokens;
  }

  CompletableFuture<Permit> run(RedisLink.Session session) {
    return takeSlot(session)
        .thenCompose(ignored -> takeRequest(session))
        .thenCompose(ignored -> takeTokens(session))
        .handle(
            (ignored, failure) ->
                failure == null
                    ? CompletableFuture.completedFuture(permit(session))
                    : undo(session)
                        .<Permit>thenCompose(undone -> CompletableFuture.failedFuture(failure)))
        .thenCompose(outcome -> outcome);
  }

  private Permit permit(RedisLink.Session session) {
    seen.sort((a, b) -> a.kind().compareTo(b.kind()));
    return new RedisPermit(
        limiter, session, slot, tokenBucket, tokens, RateLimitHeaders.admitted(seen));
  }

  private CompletableFuture<@Nullable Void> takeSlot(RedisLink.Session session) {
    if (limits.concurrency().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    int limit = limits.concurrency().getAsInt();
    String permitId = UUID.randomUUID().toString();
    return limiter
        .slots()
        .take(session.redis(), limiter.slotKey(keyId), permitId, limit)
        .thenAccept(
            held -> {
              if (held < 0) {
                throw RateLimitHeaders.refusal(
                    LimitState.slots(limit, limit), Duration.ofSeconds(1), List.of());
              }
              slot = permitId;
              seen.add(LimitState.slots(limit, held));
            });
  }

  private CompletableFuture<@Nullable Void> takeRequest(RedisLink.Session session) {
    if (limits.rpm().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    long limit = limits.rpm().getAsInt();
    AsyncBucketProxy bucket = limiter.bucket(session, "rpm", keyId, limit);
    return bucket
        .tryConsumeAndReturnRemaining(1)
        .thenAccept(probe -> took(LimitKind.REQUESTS, limit, probe, () -> requestBucket = bucket));
  }

  private CompletableFuture<@Nullable Void> takeTokens(RedisLink.Session session) {
    if (limits.tpm().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    long limit = limits.tpm().getAsLong();
    AsyncBucketProxy bucket = limiter.bucket(session, "tpm", keyId, limit);
    return bucket
        .tryConsumeAndReturnRemaining(tokens)
        .thenAccept(probe -> took(LimitKind.TOKENS, limit, probe, () -> tokenBucket = bucket));
  }

  private void took(LimitKind kind, long limit, ConsumptionProbe probe, Runnable keep) {
    if (!probe.isConsumed()) {
      throw KeyBuckets.refusal(kind, limit, probe, List.copyOf(seen));
    }
    keep.run();
    seen.add(KeyBuckets.state(kind, limit, probe));
  }

  /**
   * Gives back what was taken before the refusal is told, so the next request sees it; what Redis
   * cannot take back now, time does (a slot expires, a request refills).
   */
  private CompletableFuture<?> undo(RedisLink.Session session) {
    String taken = slot;
    if (taken != null) {
      limiter.slots().free(session.redis(), taken);
    }
    AsyncBucketProxy requests = requestBucket;
    return requests == null
        ? CompletableFuture.completedFuture(null)
        : requests.addTokens(1).handle((ignored, failure) -> null);
  }
}
