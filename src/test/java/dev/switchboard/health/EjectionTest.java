package dev.switchboard.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.attempt.Attempt.Outcome;
import dev.switchboard.health.DeploymentStatus.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Ejection after consecutive provider faults, its growing period, probes and recovery. */
class EjectionTest {
  private final Attempts attempts = new Attempts();

  private void faults(int count) {
    for (int i = 0; i < count; i++) {
      attempts.end(Attempts.of(Outcome.PROVIDER_FAULT));
    }
  }

  private boolean available() {
    return attempts.tracker.available(Attempts.KEY);
  }

  /** Waits out the ejection, claims the probe, and ends it with {@code outcome} 10 ms later. */
  private void probe(Duration ejectedFor, Outcome outcome) {
    attempts.advance(ejectedFor.minusMillis(1));
    assertThat(available()).as("still ejected 1 ms before %s ran out", ejectedFor).isFalse();
    assertThat(attempts.status().state()).isEqualTo(State.EJECTED);
    attempts.advance(Duration.ofMillis(1));
    assertThat(attempts.status().state()).isEqualTo(State.PROBING);
    assertThat(available()).as("the probe").isTrue();
    assertThat(available()).as("a second probe meanwhile").isFalse();
    attempts.advance(Duration.ofMillis(10));
    attempts.end(Attempts.of(Attempts.PROVIDER, outcome, 10, OptionalLong.empty(), 0));
  }

  @Test
  void fiveFaultsInARow_eject() {
    faults(4);
    assertThat(available()).isTrue();
    assertThat(attempts.status().consecutiveFaults()).isEqualTo(4);
    faults(1);
    assertThat(available()).isFalse();
    DeploymentStatus status = attempts.status();
    assertThat(status.state()).isEqualTo(State.EJECTED);
    assertThat(status.consecutiveFaults()).isEqualTo(5);
    assertThat(status.ejectedUntil()).isPresent();
  }

  @Test
  void anOk_resetsTheCount_otherOutcomesNeitherCountNorReset() {
    faults(4);
    attempts.end(Attempts.ok(100, 10, 1));
    faults(4);
    assertThat(available()).as("4 after an OK").isTrue();
    for (Outcome neutral : List.of(Outcome.RATE_LIMITED, Outcome.REJECTED, Outcome.CANCELLED)) {
      attempts.end(Attempts.of(neutral));
    }
    assertThat(available()).isTrue();
    faults(1);
    assertThat(available()).as("the fifth fault, across neutral outcomes").isFalse();
  }

  @Test
  void eachReEjection_doublesThePeriod_upToTheCap() {
    faults(5);
    probe(Duration.ofSeconds(5), Outcome.PROVIDER_FAULT);
    probe(Duration.ofSeconds(10), Outcome.PROVIDER_FAULT);
    probe(Duration.ofSeconds(20), Outcome.PROVIDER_FAULT);
    probe(Duration.ofSeconds(20), Outcome.PROVIDER_FAULT);
    assertThat(attempts.status().state()).isEqualTo(State.EJECTED);
  }

  @Test
  void aProbesOk_bringsItBack_andResetsTheGrowth() {
    faults(5);
    probe(Duration.ofSeconds(5), Outcome.PROVIDER_FAULT);
    probe(Duration.ofSeconds(10), Outcome.OK);
    DeploymentStatus status = attempts.status();
    assertThat(status.state()).isEqualTo(State.HEALTHY);
    assertThat(status.consecutiveFaults()).isZero();
    assertThat(status.ejectedUntil()).isEmpty();
    assertThat(available()).isTrue();
    assertThat(available()).as("every request, once healthy").isTrue();
    faults(5);
    probe(Duration.ofSeconds(5), Outcome.OK);
  }

  @Test
  void aProbeThatNeverReports_isReplacedAfterTheBasePeriod() {
    faults(5);
    attempts.advance(Duration.ofSeconds(5));
    assertThat(available()).isTrue();
    attempts.advance(Duration.ofMillis(4_999));
    assertThat(available()).isFalse();
    attempts.advance(Duration.ofMillis(1));
    assertThat(available()).as("another probe, the first lost").isTrue();
  }

  @Test
  void aProbeThatSaysNothingOfHealth_freesTheSlotAtOnce() {
    faults(5);
    probe(Duration.ofSeconds(5), Outcome.RATE_LIMITED);
    assertThat(attempts.status().state()).isEqualTo(State.PROBING);
    assertThat(available()).as("the next probe").isTrue();
    assertThat(available()).isFalse();
  }

  @Test
  void attemptsInFlightBeforeTheEjection_neitherExtendNorEndIt() {
    faults(5);
    attempts.advance(Duration.ofSeconds(6));
    // Began 7 s ago, before the ejection: stale news either way.
    attempts.end(Attempts.of(Attempts.PROVIDER, Outcome.OK, 7_000, OptionalLong.of(5), 3));
    assertThat(attempts.status().state()).isEqualTo(State.PROBING);
    attempts.end(
        Attempts.of(Attempts.PROVIDER, Outcome.PROVIDER_FAULT, 7_000, OptionalLong.empty(), 0));
    assertThat(attempts.status().state()).isEqualTo(State.PROBING);
    attempts.advance(Duration.ofSeconds(1));
    assertThat(attempts.status().last5m().attempts()).as("still counted").isEqualTo(7);
  }

  @Test
  void whileEjected_aLaterFaultDoesNotExtend_butALaterAnswerBringsItBack() {
    faults(5);
    attempts.advance(Duration.ofSeconds(2));
    // Tried anyway (say, the last route left), after the ejection began.
    attempts.end(
        Attempts.of(Attempts.PROVIDER, Outcome.PROVIDER_FAULT, 100, OptionalLong.empty(), 0));
    attempts.advance(Duration.ofSeconds(3));
    assertThat(attempts.status().state()).as("not extended").isEqualTo(State.PROBING);
    attempts.advance(Duration.ofSeconds(1));
    attempts.end(Attempts.of(Attempts.PROVIDER, Outcome.OK, 500, OptionalLong.of(50), 10));
    assertThat(attempts.status().state()).isEqualTo(State.HEALTHY);
    assertThat(available()).isTrue();
  }

  @Test
  void onlyOneOfManyConcurrentCallers_getsTheProbe() throws Exception {
    faults(5);
    attempts.advance(Duration.ofSeconds(5));
    int callers = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> granted = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
      for (int i = 0; i < callers; i++) {
        granted.add(
            pool.submit(
                () -> {
                  start.await();
                  int yes = 0;
                  for (int j = 0; j < 10_000; j++) {
                    yes += available() ? 1 : 0;
                  }
                  return yes;
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> future : granted) {
        total += future.get();
      }
      assertThat(total).isEqualTo(1);
    }
  }

  @Test
  void ejectionAndReturn_areLoggedOnce_byDeploymentKey() {
    List<String> lines = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(record.getLevel() + " " + record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger log = Logger.getLogger("switchboard.requests");
    log.addHandler(capture);
    try {
      faults(7);
      probe(Duration.ofSeconds(5), Outcome.OK);
    } finally {
      log.removeHandler(capture);
    }
    assertThat(lines)
        .containsExactly(
            "WARNING deployment ejected: " + Attempts.KEY + " consecutive_faults=5 for_ms=5000",
            "INFO deployment back in service: " + Attempts.KEY);
  }
}
