package dev.switchboard.metrics;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.attempt.AttemptListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's Prometheus metrics: every upstream attempt by provider, model and outcome, with its
 * latency and time to first token, read from the same attempt events as health and the ledger; and
 * the JVM's memory, GC, threads and CPU. One per gateway, shared by every event loop.
 */
public final class GatewayMetrics implements AttemptListener {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  // Meters are looked up once per deployment: a registry lookup builds tag objects every call.
  private final Map<String, DeploymentMeters> meters = new ConcurrentHashMap<>();
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public GatewayMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  @Override
  public void ended(Attempt attempt) {
    DeploymentMeters deployment =
        meters.computeIfAbsent(
            attempt.deploymentKey(),
            key -> new DeploymentMeters(attempt.providerId(), attempt.modelId()));
    deployment.attempts.get(attempt.outcome()).increment();
    deployment.latency.record(Duration.ofMillis(attempt.latencyMs()));
    attempt.firstTokenMs().ifPresent(ms -> deployment.firstToken.record(Duration.ofMillis(ms)));
  }

  /** Everything in Prometheus' text exposition format. */
  public String scrape() {
    return registry.scrape();
  }

  private final class DeploymentMeters {
    private final Map<Attempt.Outcome, Counter> attempts = new EnumMap<>(Attempt.Outcome.class);
    private final Timer latency;
    private final Timer firstToken;

    DeploymentMeters(String provider, String model) {
      for (Attempt.Outcome outcome : Attempt.Outcome.values()) {
        attempts.put(
            outcome,
            Counter.builder("switchboard.upstream.attempts")
                .description("Upstream attempts by deployment and how they ended")
                .tag("provider", provider)
                .tag("model", model)
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry));
      }
      latency =
          Timer.builder("switchboard.upstream.latency")
              .description("From sending an attempt to its end")
              .tag("provider", provider)
              .tag("model", model)
              .register(registry);
      firstToken =
          Timer.builder("switchboard.upstream.first.token")
              .description("From sending an attempt to its first content")
              .tag("provider", provider)
              .tag("model", model)
              .register(registry);
    }
  }
}
