package dev.switchboard.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.attempt.Attempt;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
  @Test
  void attempts_areCountedByDeploymentAndOutcome_withTheirLatencies() {
    GatewayMetrics metrics = new GatewayMetrics();
    metrics.ended(attempt("deepinfra", Attempt.Outcome.OK, 400, OptionalLong.of(100)));
    metrics.ended(attempt("deepinfra", Attempt.Outcome.OK, 600, OptionalLong.of(300)));
    metrics.ended(attempt("deepinfra", Attempt.Outcome.PROVIDER_FAULT, 50, OptionalLong.empty()));
    metrics.ended(attempt("together", Attempt.Outcome.RATE_LIMITED, 20, OptionalLong.empty()));

    String text = metrics.scrape();

    assertThat(text)
        .contains(
            "switchboard_upstream_attempts_total{model=\"m/x\",outcome=\"ok\",provider=\"deepinfra\"} 2.0")
        .contains(
            "switchboard_upstream_attempts_total{model=\"m/x\",outcome=\"provider_fault\","
                + "provider=\"deepinfra\"} 1.0")
        .contains(
            "switchboard_upstream_attempts_total{model=\"m/x\",outcome=\"rate_limited\","
                + "provider=\"together\"} 1.0")
        .contains(
            "switchboard_upstream_latency_seconds_count{model=\"m/x\",provider=\"deepinfra\"} 3")
        .contains(
            "switchboard_upstream_latency_seconds_sum{model=\"m/x\",provider=\"deepinfra\"} 1.05")
        .contains(
            "switchboard_upstream_first_token_seconds_count{model=\"m/x\",provider=\"deepinfra\"} 2")
        .contains("jvm_memory_used_bytes");
  }

  private static Attempt attempt(
      String provider, Attempt.Outcome outcome, long latencyMs, OptionalLong firstTokenMs) {
    return new Attempt(
        "gen-1",
        1,
        provider,
        "m/x",
        outcome,
        outcome == Attempt.Outcome.OK ? 200 : 500,
        Optional.empty(),
        Instant.EPOCH,
        latencyMs,
        firstTokenMs,
        0,
        0);
  }
}
