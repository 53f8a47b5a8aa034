package dev.switchboard.ratelimit;

import static dev.switchboard.ratelimit.LocalRateLimiterTest.refusal;
import static dev.switchboard.ratelimit.RedisFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.ApiKey;
import dev.switchboard.storage.TcpProxy;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two limiters ("nodes") sharing the test machine's Redis under a random key prefix. */
class RedisRateLimiterTest {
  private final RedisFixture redis = new RedisFixture();
  private final ManualTime time = new ManualTime();
  private final List<RateLimiter> nodes = new ArrayList<>();

  @AfterEach
  void closeNodes() {
    nodes.forEach(RateLimiter::close);
    redis.close();
  }

  private RateLimiter node() {
    return node(RedisFixture.URL, RedisRateLimiter.DEFAULT_SLOT_TTL);
  }

  private RateLimiter node(String url, Duration slotTtl) {
    RateLimiter node = new RedisRateLimiter(url, redis.prefix, time, slotTtl);
    nodes.add(node);
    return node;
  }

  @Test
  void aBurstOfTenTimesTheRpmOverTwoNodesAdmitsExactlyTheRpm() {
    RateLimiter a = node();
    RateLimiter b = node();
    ApiKey key = Keys.rpm(20);
    List<CompletableFuture<Permit>> burst = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      burst.add((i % 2 == 0 ? a : b).acquire(key, 100));
    }
    assertThat(admitted(burst)).isEqualTo(20);
    time.advance(Duration.ofSeconds(3)); // one request back (20 a minute)
    burst.clear();
    for (int i = 0; i < 20; i++) {
      burst.add((i % 2 == 0 ? a : b).acquire(key, 100));
    }
    assertThat(admitted(burst)).isEqualTo(1);
    // the bucket expires by itself once it would be full again (a minute) plus its afterlife
    assertThat(redis.redis().pttl(redis.prefix + ":rpm:20:" + key.id())).isBetween(1L, 80_000L);
  }

  @Test
  void theFactoryBuildsNodesThatShareLimitsOnTheRealClock() throws Exception {
    try (RateLimiter a = RateLimiters.redis(RedisFixture.URL, redis.prefix);
        RateLimiter b = RateLimiters.redis(RedisFixture.URL, redis.prefix)) {
      ApiKey key = Keys.rpm(60); // one more each second
      long start = System.nanoTime();
      List<CompletableFuture<Permit>> burst = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        burst.add((i % 2 == 0 ? a : b).acquire(key, 100));
      }
      int admitted = admitted(burst);
      long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
      assertThat(admitted).isBetween(60, 60 + (int) seconds + 1);
      eventually(Duration.ofSeconds(2), () -> a.ready() && b.ready(), "both nodes ready");
    }
  }

  @Test
  void tokensReservedOnOneNodeAndCorrectedAtReleaseAreSeenByTheOther() throws Exception {
    RateLimiter a = node();
    RateLimiter b = node();
    ApiKey key = Keys.tpm(1000);
    Permit first = a.acquire(key, 600).join();
    assertThat(first.headers()).containsEntry("X-RateLimit-Remaining-Tokens", "400");
    assertThat(refusal(b.acquire(key, 500)).limit()).isEqualTo("tokens per minute");
    first.release(100); // 500 of the 600 come back
    eventually(Duration.ofSeconds(2), () -> admits(b, key, 900), "the refund reaches Redis");
    refusal(a.acquire(key, 1));
  }

  @Test
  void aTokenRefusalGivesTheRequestBack() {
    RateLimiter a = node();
    ApiKey key = Keys.withLimits(OptionalInt.of(2), OptionalLong.of(100), OptionalInt.empty());
    a.acquire(key, 100).join();
    for (int i = 0; i < 5; i++) {
      assertThat(refusal(a.acquire(key, 50)).limit()).isEqualTo("tokens per minute");
    }
    time.advance(Duration.ofSeconds(30));
    Permit second = a.acquire(key, 50).join();
    // the refusals took no request, and 30 s gave one back: 2 - 1
    assertThat(second.headers()).containsEntry("X-RateLimit-Remaining-Requests", "1");
  }

  @Test
  void concurrencyIsSharedAndAReleaseFreesTheSlotForTheOtherNode() throws Exception {
    RateLimiter a = node();
    RateLimiter b = node();
    ApiKey key = Keys.concurrency(3);
    Permit one = a.acquire(key, 1).join();
    a.acquire(key, 1).join();
    Permit three = b.acquire(key, 1).join();
    assertThat(three.headers()).containsEntry("X-RateLimit-Remaining-Concurrency", "0");
    assertThat(refusal(b.acquire(key, 1)).limit()).isEqualTo("concurrent requests");
    one.release(1);
    List<Permit> taken = new ArrayList<>();
    eventually(Duration.ofSeconds(2), () -> holds(b, key, taken), "the freed slot is taken");
    refusal(a.acquire(key, 1));
    String slots = redis.prefix + ":inflight:" + key.id();
    assertThat(redis.redis().zcard(slots)).isEqualTo(3);
    assertThat(redis.redis().pttl(slots)).isPositive(); // a set nobody renews goes away
  }

  @Test
  void aChangedLimitAppliesAtOnceInABucketOfItsOwn() {
    RateLimiter a = node();
    String id = "key_" + UUID.randomUUID();
    ApiKey two = Keys.withLimits(id, OptionalInt.of(2), OptionalLong.empty(), OptionalInt.empty());
    a.acquire(two, 1).join();
    a.acquire(two, 1).join();
    refusal(a.acquire(two, 1));
    ApiKey three =
        Keys.withLimits(id, OptionalInt.of(3), OptionalLong.empty(), OptionalInt.empty());
    for (int i = 0; i < 3; i++) {
      a.acquire(three, 1).join();
    }
    assertThat(refusal(a.acquire(three, 1)).headers()).containsEntry("X-RateLimit-Limit", "3");
  }

  @Test
  void twoNodesNeverHoldMoreSlotsThanTheLimitUnderContention() throws Exception {
    RateLimiter a = node();
    RateLimiter b = node();
    ApiKey key = Keys.concurrency(4);
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger admitted = new AtomicInteger();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < 12; w++) {
        RateLimiter node = w % 2 == 0 ? a : b;
        workers.submit(
            () -> {
              for (int i = 0; i < 25; i++) {
                List<Permit> taken = new ArrayList<>(1);
                if (holds(node, key, taken)) {
                  admitted.incrementAndGet();
                  most.accumulateAndGet(holding.incrementAndGet(), Math::max);
                  Thread.sleep(5);
                  holding.decrementAndGet();
                  taken.getFirst().release(1);
                }
              }
              return null;
            });
      }
    }
    assertThat(most.get()).isBetween(1, 4);
    assertThat(admitted.get()).isPositive();
    String slots = redis.prefix + ":inflight:" + key.id();
    eventually(Duration.ofSeconds(2), () -> redis.redis().zcard(slots) == 0, "all slots freed");
  }

  @Test
  void aDeadNodesSlotsExpireWhileALiveNodesAreRenewed() throws Exception {
    Duration ttl = Duration.ofMillis(1500);
    RateLimiter live = node(RedisFixture.URL, ttl);
    RateLimiter doomed = node(RedisFixture.URL, ttl);
    ApiKey key = Keys.concurrency(2);
    live.acquire(key, 1).join();
    Permit orphan = doomed.acquire(key, 1).join();
    doomed.close(); // like kill -9: nothing is released, nothing renewed any more
    orphan.release(1); // a release after close cannot reach Redis, and does not throw
    refusal(live.acquire(key, 1));
    Thread.sleep(ttl.multipliedBy(2).toMillis()); // the live slot outlives its ttl, renewed
    live.acquire(key, 1).join(); // the dead node's slot is gone
    refusal(live.acquire(key, 1)); // the live node's first slot still counts
  }

  @Test
  void aClosedLimiterRefusesInsteadOfThrowing() {
    RateLimiter node = node();
    node.acquire(Keys.rpm(5), 1).join();
    node.close();
    Throwable failure = node.acquire(Keys.rpm(5), 1).handle((p, e) -> e).join();
    assertThat(failure).isInstanceOf(RateLimiterUnavailable.class);
  }

  @Test
  void anUnreachableRedisRefusesLimitedKeysFastAndPassesOthers() throws Exception {
    int nobody;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = socket.getLocalPort();
    }
    RateLimiter down = node("redis://127.0.0.1:" + nobody, RedisRateLimiter.DEFAULT_SLOT_TTL);
    for (int i = 0; i < 3; i++) {
      assertUnavailableWithinASecond(down.acquire(Keys.rpm(10), 1));
    }
    assertThat(down.ready()).isFalse();
    ApiKey unlimited =
        Keys.withLimits(OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty());
    down.acquire(unlimited, 1).join().release(1);
  }

  @Test
  void redisGoingAwayFailsClosedFastAndComingBackRecoversByItself() throws Exception {
    try (TcpProxy proxy = TcpProxy.to("127.0.0.1", RedisFixture.PORT)) {
      RateLimiter node = node("redis://127.0.0.1:" + proxy.port(), Duration.ofSeconds(3));
      ApiKey key =
          Keys.withLimits(OptionalInt.of(1000), OptionalLong.of(100_000), OptionalInt.of(5));
      node.acquire(key, 10).join().release(10);
      eventually(Duration.ofSeconds(2), node::ready, "ready while Redis answers");
      proxy.stop();
      for (int i = 0; i < 3; i++) {
        assertUnavailableWithinASecond(node.acquire(key, 10));
      }
      eventually(Duration.ofSeconds(2), () -> !node.ready(), "not ready while Redis is away");
      proxy.start();
      eventually(Duration.ofSeconds(5), () -> admits(node, key, 10), "admits again");
      eventually(Duration.ofSeconds(2), node::ready, "ready again");
    }
  }

  @Test
  void aLimiterBuiltWhileRedisIsAwayConnectsOnceItIsBack() throws Exception {
    try (TcpProxy proxy = TcpProxy.to("127.0.0.1", RedisFixture.PORT)) {
      proxy.stop();
      RateLimiter node = node("redis://127.0.0.1:" + proxy.port(), Duration.ofSeconds(3));
      ApiKey key = Keys.rpm(100);
      assertUnavailableWithinASecond(node.acquire(key, 1));
      assertThat(node.ready()).isFalse();
      proxy.start();
      eventually(Duration.ofSeconds(3), () -> admits(node, key, 1), "admits once Redis is back");
      eventually(Duration.ofSeconds(2), node::ready, "ready");
    }
  }

  @Test
  void aLimiterWhoseFirstConnectionStallsTimesOutAndConnectsLater() throws Exception {
    try (TcpProxy proxy = TcpProxy.to("127.0.0.1", RedisFixture.PORT)) {
      proxy.stall(true);
      RateLimiter node = node("redis://127.0.0.1:" + proxy.port(), Duration.ofSeconds(3));
      ApiKey key = Keys.rpm(100);
      for (int i = 0; i < 2; i++) {
        assertUnavailableWithinASecond(node.acquire(key, 1));
      }
      proxy.stall(false);
      eventually(Duration.ofSeconds(5), () -> admits(node, key, 1), "admits once Redis answers");
    }
  }

  @Test
  void aFirstConnectionLostInABlackHoleIsGivenUpAndTriedAgain() throws Exception {
    try (TcpProxy proxy = TcpProxy.to("127.0.0.1", RedisFixture.PORT)) {
      proxy.blackHole();
      RateLimiter node = node("redis://127.0.0.1:" + proxy.port(), Duration.ofSeconds(3));
      ApiKey key = Keys.rpm(100);
      for (int i = 0; i < 2; i++) {
        assertUnavailableWithinASecond(node.acquire(key, 1));
      }
      proxy.heal();
      eventually(Duration.ofSeconds(5), () -> admits(node, key, 1), "admits on a new attempt");
    }
  }

  @Test
  void aConnectionThatStaysSilentIsReplaced() throws Exception {
    try (TcpProxy proxy = TcpProxy.to("127.0.0.1", RedisFixture.PORT)) {
      RateLimiter node = node("redis://127.0.0.1:" + proxy.port(), Duration.ofSeconds(30));
      ApiKey key =
          Keys.withLimits(OptionalInt.of(1000), OptionalLong.of(100_000), OptionalInt.of(5));
      Permit held = node.acquire(key, 10).join(); // held across the outage
      proxy.blackHole();
      for (int i = 0; i < 3; i++) {
        assertUnavailableWithinASecond(node.acquire(key, 10));
      }
      eventually(Duration.ofSeconds(2), () -> !node.ready(), "not ready in the black hole");
      Thread.sleep(3000); // long enough to give up on the connection and on a new attempt
      proxy.heal();
      eventually(Duration.ofSeconds(6), () -> admits(node, key, 10), "admits on a new connection");
      eventually(Duration.ofSeconds(2), node::ready, "ready again");
      held.release(10); // over the new connection: the old one is gone
      String slots = redis.prefix + ":inflight:" + key.id();
      eventually(Duration.ofSeconds(2), () -> redis.redis().zcard(slots) == 0, "slot freed");
    }
  }

  @Test
  void aStalledRedisTimesOutWithinASecondAndLateAnswersLeaveNoSlotBehind() throws Exception {
    try (TcpProxy proxy = TcpProxy.to("127.0.0.1", RedisFixture.PORT)) {
      RateLimiter node = node("redis://127.0.0.1:" + proxy.port(), Duration.ofSeconds(3));
      ApiKey key = Keys.concurrency(2);
      node.acquire(key, 1).join().release(1);
      proxy.stall(true);
      for (int i = 0; i < 3; i++) {
        assertUnavailableWithinASecond(node.acquire(key, 1));
      }
      eventually(Duration.ofSeconds(2), () -> !node.ready(), "not ready while Redis stalls");
      proxy.stall(false);
      eventually(Duration.ofSeconds(5), () -> admits(node, key, 1), "admits again");
      String slots = redis.prefix + ":inflight:" + key.id();
      // slots taken by commands answered too late are freed, or expire within their ttl (an
      // expired slot goes with the next acquire, so each check admits one request first)
      eventually(
          Duration.ofSeconds(5),
          () -> admits(node, key, 1) && redis.redis().zcard(slots) == 0,
          "late slots are freed");
    }
  }

  private static void assertUnavailableWithinASecond(CompletableFuture<Permit> attempt) {
    long start = System.nanoTime();
    Throwable failure = attempt.handle((p, e) -> e).join();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(failure).isInstanceOf(RateLimiterUnavailable.class);
    assertThat(took).isLessThan(Duration.ofMillis(1000));
  }

  /** Whether the node admits now; the permit is released at once, using exactly what it took. */
  private static boolean admits(RateLimiter node, ApiKey key, long tokens) {
    try {
      node.acquire(key, tokens).join().release(tokens);
      return true;
    } catch (CompletionException refusedOrUnavailable) {
      return false;
    }
  }

  /** Whether the node admits now, keeping the permit in {@code taken}. */
  private static boolean holds(RateLimiter node, ApiKey key, List<Permit> taken) {
    try {
      taken.add(node.acquire(key, 1).join());
      return true;
    } catch (CompletionException refused) {
      return false;
    }
  }

  private static int admitted(List<CompletableFuture<Permit>> attempts) {
    int admitted = 0;
    for (CompletableFuture<Permit> attempt : attempts) {
      Throwable failure = attempt.handle((p, e) -> e).join();
      if (failure == null) {
        admitted++;
      } else {
        assertThat(failure).isInstanceOf(RateLimited.class);
      }
    }
    return admitted;
  }
}
