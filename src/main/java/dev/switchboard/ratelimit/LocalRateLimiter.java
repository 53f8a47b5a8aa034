package dev.switchboard.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.account.ApiKey;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rate limits in this process: exact on one node. Per key a pair of Bucket4j buckets (requests and
 * tokens per minute, refilled greedily) kept in a Caffeine cache that forgets idle keys, and a
 * count of requests in flight that holds an entry only while the key has one. Everything completes
 * on the caller's thread without waiting: the only locks are a key's own, held for two bucket
 * operations.
 */
final class LocalRateLimiter implements RateLimiter {
  /** Idle longer than this, a key's buckets are full again anyway (unless deep in token debt). */
  private static final Duration IDLE = Duration.ofMinutes(10);

  private final TimeMeter clock;
  private final Cache<String, KeyBuckets> buckets;
  private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

  LocalRateLimiter(TimeMeter clock) {
    this.clock = clock;
    // Upkeep on the caller (an event loop): a few entries per pass, no thread woken for it.
    this.buckets = Caffeine.newBuilder().expireAfterAccess(IDLE).executor(Runnable::run).build();
  }

  @Override
  public CompletableFuture<Permit> acquire(ApiKey key, long reservedTokens) {
    KeyLimits limits = KeyLimits.of(key);
    if (limits.none()) {
      return CompletableFuture.completedFuture(UnlimitedPermit.INSTANCE);
    }
    List<LimitState> seen = new ArrayList<>(3);
    if (limits.concurrency().isPresent()) {
      int limit = limits.concurrency().getAsInt();
      int held = takeSlot(key.id(), limit);
      if (held < 0) {
        return CompletableFuture.failedFuture(
            RateLimitHeaders.refusal(LimitState.slots(limit, limit), Duration.ofSeconds(1), seen));
      }
      seen.add(LimitState.slots(limit, held));
    }
    KeyBuckets keyBuckets = buckets.get(key.id(), id -> new KeyBuckets(clock));
    long tokens = limits.tokensToTake(reservedTokens);
    RateLimited refused = keyBuckets.consume(limits, tokens, seen);
    if (refused != null) {
      limits.concurrency().ifPresent(limit -> freeSlot(key.id()));
      return CompletableFuture.failedFuture(refused);
    }
    seen.sort((a, b) -> a.kind().compareTo(b.kind()));
    return CompletableFuture.completedFuture(
        new LocalPermit(key.id(), limits, keyBuckets, tokens, RateLimitHeaders.admitted(seen)));
  }

  /** The key's requests in flight after taking a slot, or -1 when all {@code limit} are held. */
  private int takeSlot(String keyId, int limit) {
    int[] held = {-1};
    inFlight.compute(
        keyId,
        (id, count) -> {
          int now = count == null ? 0 : count;
          if (now >= limit) {
            return count;
          }
          held[0] = now + 1;
          return now + 1;
        });
    return held[0];
  }

  private void freeSlot(String keyId) {
    inFlight.computeIfPresent(keyId, (id, count) -> count <= 1 ? null : count - 1);
  }

  @Override
  public void close() {
    buckets.invalidateAll();
  }

  /** A request's hold: its concurrency slot and the tokens it took. */
  private final class LocalPermit implements Permit {
    private final String keyId;
    private final KeyLimits limits;
    private final KeyBuckets keyBuckets;
    private final long tokensTaken;
    private final Map<String, String> headers;
    private final AtomicBoolean released = new AtomicBoolean();

    LocalPermit(
        String keyId,
        KeyLimits limits,
        KeyBuckets keyBuckets,
        long tokensTaken,
        Map<String, String> headers) {
      this.keyId = keyId;
      this.limits = limits;
      this.keyBuckets = keyBuckets;
      this.tokensTaken = tokensTaken;
      this.headers = headers;
    }

    @Override
    public void release(long actualTokens) {
      if (!released.compareAndSet(false, true)) {
        return;
      }
      if (limits.concurrency().isPresent()) {
        freeSlot(keyId);
      }
      if (limits.tpm().isPresent()) {
        keyBuckets.correctTokens(actualTokens - tokensTaken);
      }
    }

    @Override
    public Map<String, String> headers() {
      return headers;
    }
  }
}
