package dev.switchboard.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import dev.switchboard.attempt.Attempt.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The tracker's statistics: percentiles, windows, uptime, the one-second cache, concurrency. */
class HealthStatsTest {
  private final Attempts attempts = new Attempts();

  @Test
  void percentiles_ofKnownLatencies_areWithinTheHistogramsError() {
    // Latencies 1..2000 ms, first tokens a tenth of that, 100 tokens generated in 0.5 s each time.
    for (int i = 1; i <= 2000; i++) {
      attempts.end(Attempts.ok(i / 10 + 500, i / 10, 100));
      attempts.end(Attempts.ok(i, 0, 0));
    }
    WindowStats last5m = attempts.status().last5m();
    // Total latency: the i ms attempts and the (i/10 + 500) ms ones, 4000 values in all.
    List<Long> latencies = new ArrayList<>();
    for (int i = 1; i <= 2000; i++) {
      latencies.add((long) i / 10 + 500);
      latencies.add((long) i);
    }
    latencies.sort(null);
    Percentiles latency = last5m.latencyMs();
    assertThat(latency.p50()).isCloseTo(latencies.get(1999), withPercentage(13));
    assertThat(latency.p75()).isCloseTo(latencies.get(2999), withPercentage(13));
    assertThat(latency.p90()).isCloseTo(latencies.get(3599), withPercentage(13));
    assertThat(latency.p99()).isCloseTo(latencies.get(3959), withPercentage(13));
    // First tokens 0..200 ms twice over (the i/10 ones and the zeros of the unstreamed ones).
    Percentiles firstToken = last5m.firstTokenMs();
    assertThat(firstToken.p75()).isCloseTo(100, withPercentage(13));
    assertThat(firstToken.p99()).isCloseTo(196, withPercentage(13));
    // Throughput only where tokens came: 100 tokens in 500 ms after the first.
    Percentiles throughput = last5m.tokensPerSecond();
    assertThat(throughput.p50()).isCloseTo(200, withPercentage(13));
    assertThat(throughput.p99()).isCloseTo(200, withPercentage(13));
  }

  @Test
  void percentiles_acrossTheRange_areWithinThirteenPercent() {
    // 101 values spread from 0.8 to 1.25 times a centre: the bounds alone would allow 25%.
    for (long centre : new long[] {20, 37, 250, 1_234, 8_000, 29_000, 120_000}) {
      Attempts fresh = new Attempts();
      for (int i = 0; i <= 100; i++) {
        long ms = Math.round(centre * 0.8 * Math.pow(1.25 / 0.8, i / 100.0));
        fresh.end(Attempts.ok(ms, ms / 2, 0));
      }
      WindowStats stats = fresh.status().last5m();
      assertThat(stats.latencyMs().p50()).as("%d ms", centre).isCloseTo(centre, withPercentage(13));
      assertThat(stats.firstTokenMs().p50())
          .as("%d ms", centre)
          .isCloseTo(centre / 2.0, withPercentage(13));
      assertThat(stats.latencyMs().p90())
          .as("%d ms", centre)
          .isCloseTo(centre * 0.8 * Math.pow(1.25 / 0.8, 0.9), withPercentage(13));
    }
  }

  @Test
  void identicalValues_readBackExactly() {
    attempts.end(Attempts.ok(700, 200, 100));
    attempts.end(Attempts.ok(700, 200, 100));
    WindowStats stats = attempts.status().last5m();
    assertThat(stats.latencyMs()).isEqualTo(new Percentiles(700, 700, 700, 700));
    assertThat(stats.tokensPerSecond().p99()).isEqualTo(200);
  }

  @Test
  void theFiveMinuteWindowForgets_theHourKeeps() {
    attempts.end(Attempts.ok(100, 10, 0));
    attempts.advance(Duration.ofMinutes(4));
    assertThat(attempts.status().last5m().attempts()).isEqualTo(1);
    attempts.advance(Duration.ofSeconds(61));
    DeploymentStatus later = attempts.status();
    assertThat(later.last5m()).isEqualTo(WindowStats.EMPTY);
    assertThat(later.last5m().latencyMs().known()).isFalse();
    assertThat(later.lastHour().attempts()).isEqualTo(1);
    assertThat(later.lastHour().latencyMs().p50()).isCloseTo(100, withPercentage(13));
    attempts.advance(Duration.ofMinutes(56));
    assertThat(attempts.status().lastHour()).isEqualTo(WindowStats.EMPTY);
  }

  @Test
  void aSlotComingRoundAgain_startsFromNothing() {
    attempts.end(Attempts.of(Outcome.PROVIDER_FAULT));
    attempts.advance(Duration.ofMinutes(5));
    attempts.end(Attempts.ok(100, 10, 0));
    WindowStats last5m = attempts.status().last5m();
    assertThat(last5m.attempts()).isEqualTo(1);
    assertThat(last5m.faults()).isZero();
    assertThat(attempts.status().lastHour().attempts()).isEqualTo(2);
  }

  @Test
  void uptimeAndErrorRate_countHealthSignalsOnly() {
    for (int i = 0; i < 8; i++) {
      attempts.end(Attempts.ok(100, 10, 5));
    }
    attempts.end(Attempts.of(Outcome.PROVIDER_FAULT));
    attempts.end(Attempts.of(Outcome.RATE_LIMITED));
    for (int i = 0; i < 3; i++) {
      attempts.end(Attempts.of(Outcome.REJECTED));
      attempts.end(Attempts.of(Outcome.CANCELLED));
    }
    WindowStats last5m = attempts.status().last5m();
    assertThat(last5m.attempts()).isEqualTo(10);
    assertThat(last5m.faults()).isEqualTo(1);
    assertThat(last5m.rateLimited()).isEqualTo(1);
    assertThat(last5m.uptime()).isCloseTo(0.9, within(1e-9));
    assertThat(last5m.errorRate()).isCloseTo(0.2, within(1e-9));
  }

  @Test
  void anUnknownDeployment_isAvailable_andKnowsNothing() {
    assertThat(attempts.tracker.available("nobody/nothing@nowhere")).isTrue();
    DeploymentStatus status = attempts.tracker.status("nobody/nothing@nowhere");
    assertThat(status).isEqualTo(DeploymentStatus.unknown("nobody/nothing@nowhere"));
    assertThat(status.last5m().uptime()).isNaN();
  }

  @Test
  void status_isCachedForASecond() {
    attempts.end(Attempts.ok(100, 10, 0));
    assertThat(attempts.status().last5m().attempts()).isEqualTo(1);
    attempts.end(Attempts.ok(100, 10, 0));
    attempts.advance(Duration.ofMillis(900));
    assertThat(attempts.status().last5m().attempts()).isEqualTo(1);
    attempts.advance(Duration.ofMillis(100));
    assertThat(attempts.status().last5m().attempts()).isEqualTo(2);
  }

  @Test
  void manyThreadsEndingAndReading_loseNoCount() throws Exception {
    int threads = 4;
    int each = 50_000;
    String[] providers = {"a", "b", "c"};
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads + 1)) {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    Outcome outcome = i % 10 == 0 ? Outcome.PROVIDER_FAULT : Outcome.OK;
                    attempts.end(
                        Attempts.of(
                            providers[(i + thread) % 3], outcome, 50, OptionalLong.of(5), 10));
                  }
                  return null;
                }));
      }
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 20_000; i++) {
                  attempts.tracker.status(Attempts.MODEL + "@a");
                  attempts.tracker.available(Attempts.MODEL + "@b");
                  attempts.advance(Duration.ofNanos(1_000));
                }
                return null;
              }));
      start.countDown();
      for (Future<?> future : done) {
        future.get();
      }
    }
    attempts.advance(Duration.ofSeconds(1));
    long total = 0;
    long faults = 0;
    for (String provider : providers) {
      WindowStats stats = attempts.tracker.status(Attempts.MODEL + "@" + provider).last5m();
      total += stats.attempts();
      faults += stats.faults();
    }
    assertThat(total).isEqualTo((long) threads * each);
    assertThat(faults).isEqualTo((long) threads * each / 10);
  }
}
