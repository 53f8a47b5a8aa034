package dev.switchboard.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.account.ApiKey;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Rate limits shared by every node through Redis: requests and tokens per minute in Bucket4j
 * buckets (compare-and-swap over Lettuce, batched per node so a burst on one key costs a few round
 * trips), concurrency in {@link ConcurrencySlots}. Fails closed and fast: a limited request gets
 * {@link RateLimiterUnavailable} when Redis has not answered within {@link #ACQUIRE_TIMEOUT}, never
 * a pass and never a per-node limit. Keys without limits never touch Redis.
 */
final class RedisRateLimiter implements RateLimiter {
  static final Duration ACQUIRE_TIMEOUT = Duration.ofMillis(900);
  static final Duration DEFAULT_SLOT_TTL = Duration.ofSeconds(15);
  private static final Duration PROBE_EVERY = Duration.ofMillis(500);

  private final RedisLink link;
  private final String prefix;
  private final ConcurrencySlots slots;
  private final ScheduledExecutorService timer;
  private final Cache<String, AsyncBucketProxy> buckets =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

  RedisRateLimiter(String url, String prefix, TimeMeter clock, Duration slotTtl) {
    this.link = new RedisLink(url, clock);
    this.prefix = prefix;
    this.slots = new ConcurrencySlots(slotTtl);
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "switchboard-ratelimit");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.timer = executor;
    every(PROBE_EVERY, link::probe);
    every(slotTtl.dividedBy(3), this::renewSlots);
  }

  @Override
  public CompletableFuture<Permit> acquire(ApiKey key, long reservedTokens) {
    KeyLimits limits = KeyLimits.of(key);
    if (limits.none()) {
      return CompletableFuture.completedFuture(UnlimitedPermit.INSTANCE);
    }
    RedisAdmission admission =
        new RedisAdmission(this, key.id(), limits, limits.tokensToTake(reservedTokens));
    CompletableFuture<Permit> outcome = new CompletableFuture<>();
    ScheduledFuture<?> deadline =
        timer.schedule(
            () -> {
              if (outcome.completeExceptionally(
                  new RateLimiterUnavailable(
                      "Redis did not answer within " + ACQUIRE_TIMEOUT.toMillis() + " ms", null))) {
                link.answered(false);
              }
            },
            ACQUIRE_TIMEOUT.toMillis(),
            TimeUnit.MILLISECONDS);
    link.session()
        .thenCompose(admission::run)
        .whenComplete(
            (permit, failure) -> {
              deadline.cancel(false);
              settle(outcome, permit, failure);
            });
    return outcome;
  }

  /** Hands the admission's outcome over, or undoes a permit that came after the deadline. */
  private void settle(CompletableFuture<Permit> outcome, Permit permit, Throwable failure) {
    if (failure == null) {
      link.answered(true);
      if (!outcome.complete(permit)) {
        permit.release(0);
      }
      return;
    }
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof RateLimited refused) {
      link.answered(true);
      outcome.completeExceptionally(refused);
    } else {
      link.answered(false);
      outcome.completeExceptionally(
          new RateLimiterUnavailable("Redis did not answer: " + cause, cause));
    }
  }

  /** The bucket of {@code perMinute} under {@code name}; a changed limit is a new bucket. */
  AsyncBucketProxy bucket(RedisLink.Session session, String kind, String keyId, long perMinute) {
    String redisKey = prefix + ":" + kind + ":" + perMinute + ":" + keyId;
    BucketConfiguration configuration =
        BucketConfiguration.builder().addLimit(KeyBuckets.perMinute(perMinute)).build();
    return buckets.get(
        redisKey,
        name ->
            session
                .buckets()
                .builder()
                .withOptimization(Optimizations.batching())
                .build(name, () -> CompletableFuture.completedFuture(configuration)));
  }

  String slotKey(String keyId) {
    return prefix + ":inflight:" + keyId;
  }

  ConcurrencySlots slots() {
    return slots;
  }

  private void renewSlots() {
    RedisLink.Session session = link.current();
    if (session != null && slots.heldHere() > 0) {
      slots.renew(session.redis());
    }
  }

  private void every(Duration period, Runnable task) {
    timer.scheduleAtFixedRate(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            System.getLogger("switchboard.ratelimit")
                .log(System.Logger.Level.WARNING, "rate limiter upkeep failed", e);
          }
        },
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean ready() {
    return link.ready();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    link.close();
  }
}
