package dev.switchboard.health;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.attempt.Attempt.Outcome;
import dev.switchboard.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/** Attempts of one deployment, and a tracker on a clock the test moves. */
final class Attempts {
  static final String MODEL = "acme/model-1";
  static final String PROVIDER = "fastco";
  static final String KEY = MODEL + "@" + PROVIDER;

  final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
  final HealthTracker tracker = new HealthTracker(Config.Routing.defaults(), nanos::get);

  void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  void end(Attempt attempt) {
    tracker.ended(attempt);
  }

  static Attempt of(Outcome outcome) {
    return of(PROVIDER, outcome, 1, OptionalLong.empty(), 0);
  }

  static Attempt ok(long latencyMs, long firstTokenMs, long outputTokens) {
    return of(PROVIDER, Outcome.OK, latencyMs, OptionalLong.of(firstTokenMs), outputTokens);
  }

  static Attempt of(
      String provider, Outcome outcome, long latencyMs, OptionalLong firstTokenMs, long tokens) {
    return new Attempt(
        "gen-test",
        1,
        provider,
        MODEL,
        outcome,
        outcome == Outcome.OK ? 200 : 500,
        outcome == Outcome.OK ? Optional.empty() : Optional.of("upstream_error"),
        Instant.EPOCH,
        latencyMs,
        firstTokenMs,
        0,
        tokens);
  }

  DeploymentStatus status() {
    return tracker.status(KEY);
  }
}
