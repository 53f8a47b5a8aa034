package dev.switchboard.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.account.ApiKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
  private final ManualTime time = new ManualTime();
  private final RateLimiter limiter = new LocalRateLimiter(time);

  @Test
  void aKeyWithoutLimitsIsAdmittedWithoutHeaders() {
    ApiKey key = Keys.withLimits(OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty());
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.acquire(key, 1_000_000).join().headers()).isEmpty();
    }
  }

  @Test
  void aBurstOfTenTimesTheRpmAdmitsExactlyTheRpm() throws Exception {
    ApiKey key = Keys.rpm(25);
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        all.add(
            pool.submit(
                () -> {
                  start.await();
                  count(limiter.acquire(key, 10), admitted, refused);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : all) {
        f.get();
      }
    }
    assertThat(admitted).hasValue(25);
    assertThat(refused).hasValue(225);
  }

  @Test
  void requestsRefillOverTheMinute() {
    ApiKey key = Keys.rpm(6); // one request back every 10 s
    for (int i = 0; i < 6; i++) {
      limiter.acquire(key, 1).join();
    }
    RateLimited refused = refusal(limiter.acquire(key, 1));
    assertThat(refused.limit()).isEqualTo("requests per minute");
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(refused.headers())
        .containsEntry("Retry-After", "10")
        .containsEntry("X-RateLimit-Limit", "6")
        .containsEntry("X-RateLimit-Remaining", "0")
        .containsKey("X-RateLimit-Reset")
        .containsEntry("X-RateLimit-Limit-Requests", "6");
    time.advance(Duration.ofSeconds(9));
    refusal(limiter.acquire(key, 1));
    time.advance(Duration.ofSeconds(1));
    Permit permit = limiter.acquire(key, 1).join();
    assertThat(permit.headers())
        .containsEntry("X-RateLimit-Limit", "6")
        .containsEntry("X-RateLimit-Remaining", "0");
    refusal(limiter.acquire(key, 1));
  }

  @Test
  void tokensAreReservedAtAcquireAndCorrectedToActualAtRelease() {
    ApiKey key = Keys.tpm(1000);
    Permit first = limiter.acquire(key, 600).join();
    assertThat(first.headers()).containsEntry("X-RateLimit-Remaining-Tokens", "400");
    RateLimited refused = refusal(limiter.acquire(key, 500));
    assertThat(refused.limit()).isEqualTo("tokens per minute");
    first.release(100); // used 100 of the 600 reserved: 500 come back
    Permit second = limiter.acquire(key, 900).join();
    assertThat(second.headers()).containsEntry("X-RateLimit-Remaining-Tokens", "0");
    second.release(900);
    refusal(limiter.acquire(key, 1));
    first.release(0); // a second release changes nothing
    refusal(limiter.acquire(key, 1));
  }

  @Test
  void usingMoreThanReservedLeavesADebtThatLaterRequestsWaitOut() {
    ApiKey key = Keys.tpm(600); // 10 tokens a second
    Permit permit = limiter.acquire(key, 100).join();
    permit.release(1100); // 1000 more than taken: 500 left minus 1000 = 500 in debt
    RateLimited refused = refusal(limiter.acquire(key, 1));
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(50_100));
    time.advance(Duration.ofSeconds(50));
    refusal(limiter.acquire(key, 1));
    time.advance(Duration.ofMillis(100));
    limiter.acquire(key, 1).join();
  }

  @Test
  void aRequestLargerThanTheMinuteIsAdmittedWhenTheBucketIsFull() {
    ApiKey key = Keys.tpm(100);
    Permit big = limiter.acquire(key, 5000).join();
    refusal(limiter.acquire(key, 1));
    big.release(5000); // took 100, used 5000: 4900 in debt, 49 minutes at 100 a minute
    time.advance(Duration.ofMinutes(49));
    refusal(limiter.acquire(key, 1));
    time.advance(Duration.ofMillis(600));
    limiter.acquire(key, 1).join();
  }

  @Test
  void aTokenRefusalDoesNotCostARequest() {
    ApiKey key = Keys.withLimits(OptionalInt.of(2), OptionalLong.of(100), OptionalInt.empty());
    limiter.acquire(key, 100).join();
    for (int i = 0; i < 5; i++) {
      assertThat(refusal(limiter.acquire(key, 50)).limit()).isEqualTo("tokens per minute");
    }
    time.advance(Duration.ofSeconds(30)); // 50 tokens back
    Permit permit = limiter.acquire(key, 50).join();
    assertThat(permit.headers())
        .containsEntry("X-RateLimit-Limit", "2")
        .containsEntry("X-RateLimit-Remaining-Requests", "1") // refusals took none; 30 s gave one
        .containsEntry("X-RateLimit-Remaining-Tokens", "0");
  }

  @Test
  void concurrencyHoldsASlotUntilRelease() {
    ApiKey key = Keys.concurrency(2);
    Permit one = limiter.acquire(key, 1).join();
    Permit two = limiter.acquire(key, 1).join();
    assertThat(two.headers())
        .containsEntry("X-RateLimit-Limit-Concurrency", "2")
        .containsEntry("X-RateLimit-Remaining-Concurrency", "0");
    RateLimited refused = refusal(limiter.acquire(key, 1));
    assertThat(refused.limit()).isEqualTo("concurrent requests");
    assertThat(refused.headers()).containsEntry("Retry-After", "1");
    one.release(1);
    one.release(1); // twice frees one slot only
    Permit three = limiter.acquire(key, 1).join();
    refusal(limiter.acquire(key, 1));
    two.release(1);
    three.release(1);
    limiter.acquire(key, 1).join();
    limiter.acquire(key, 1).join();
  }

  @Test
  void concurrencyIsExactUnderContention() throws Exception {
    ApiKey key = Keys.concurrency(5);
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger admitted = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        all.add(
            pool.submit(
                () -> {
                  holdRepeatedly(key, holding, most, admitted);
                  return null;
                }));
      }
      for (Future<?> f : all) {
        f.get();
      }
    }
    assertThat(most.get()).isEqualTo(5);
    assertThat(admitted.get()).isPositive();
    for (int i = 0; i < 5; i++) {
      limiter.acquire(key, 1).join(); // every slot came back
    }
    refusal(limiter.acquire(key, 1));
  }

  @Test
  void aRefusalByRequestsFreesTheConcurrencySlotItTook() {
    ApiKey key = Keys.withLimits(OptionalInt.of(1), OptionalLong.empty(), OptionalInt.of(1));
    limiter.acquire(key, 1).join().release(1);
    refusal(limiter.acquire(key, 1));
    time.advance(Duration.ofMinutes(1));
    limiter.acquire(key, 1).join(); // the slot was not kept by the refused request
  }

  @Test
  void changedLimitsApplyToTheNextRequestAndKeepWhatTheMinuteUsed() {
    String id = "key_changing";
    ApiKey five = Keys.withLimits(id, OptionalInt.of(5), OptionalLong.empty(), OptionalInt.empty());
    for (int i = 0; i < 5; i++) {
      limiter.acquire(five, 1).join();
    }
    refusal(limiter.acquire(five, 1));
    ApiKey eight =
        Keys.withLimits(id, OptionalInt.of(8), OptionalLong.empty(), OptionalInt.empty());
    for (int i = 0; i < 3; i++) {
      limiter.acquire(eight, 1).join();
    }
    refusal(limiter.acquire(eight, 1));
  }

  @Test
  void theFactoryBuildsALimiterOnTheRealClock() {
    try (RateLimiter local = RateLimiters.local()) {
      ApiKey key = Keys.rpm(3);
      for (int i = 0; i < 3; i++) {
        local.acquire(key, 1).join().release(1);
      }
      RateLimited refused = refusal(local.acquire(key, 1));
      assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
      assertThat(local.ready()).isTrue();
    }
  }

  @Test
  void aTokenLimitBeyondWhatBucket4jRefillsIsHeldAtItsMost() {
    Permit permit = limiter.acquire(Keys.tpm(Long.MAX_VALUE), 1_000_000).join();
    assertThat(permit.headers())
        .containsEntry("X-RateLimit-Limit-Tokens", Long.toString(KeyLimits.MOST_TOKENS_PER_MINUTE));
  }

  private void holdRepeatedly(
      ApiKey key, AtomicInteger holding, AtomicInteger most, AtomicInteger admitted)
      throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      Permit permit;
      try {
        permit = limiter.acquire(key, 1).join();
      } catch (CompletionException refused) {
        assertThat(refused.getCause()).isInstanceOf(RateLimited.class);
        continue;
      }
      admitted.incrementAndGet();
      most.accumulateAndGet(holding.incrementAndGet(), Math::max);
      Thread.sleep(1);
      holding.decrementAndGet();
      permit.release(1);
    }
  }

  private static void count(
      CompletableFuture<Permit> attempt, AtomicInteger admitted, AtomicInteger refused) {
    try {
      attempt.join();
      admitted.incrementAndGet();
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(RateLimited.class);
      refused.incrementAndGet();
    }
  }

  static RateLimited refusal(CompletableFuture<Permit> attempt) {
    assertThatThrownBy(attempt::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(RateLimited.class);
    Throwable failure = attempt.handle((p, e) -> e).join();
    return (RateLimited) (failure instanceof CompletionException ? failure.getCause() : failure);
  }
}
