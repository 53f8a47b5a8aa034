package dev.switchboard.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Whether what a request needs answers (the database, Redis), for {@code /health/ready}: each probe
 * runs in the background every {@code period}, so the endpoint answers at once and a dead service
 * costs one probe's timeout per period, not one per request. Liveness ({@code /health}) does not
 * depend on it: a degraded node is alive and recovers by itself.
 */
public final class Readiness implements AutoCloseable {
  /**
   * A blocking check that returns normally when the service answers, bounded by its own timeout.
   */
  public interface Probe {
    /** The service's name, in the problem it reports: "postgresql", "redis". */
    String name();

    void check() throws Exception;
  }

  /** Ready whatever happens: a node with nothing outside it to wait for (SQLite). */
  public static final Readiness ALWAYS = new Readiness(List.of());

  private final List<Probe> probes;
  private final @Nullable ScheduledExecutorService scheduler;
  private volatile List<String> problems = List.of();

  private Readiness(List<Probe> probes) {
    this.probes = List.copyOf(probes);
    this.scheduler = null;
  }

  private Readiness(List<Probe> probes, Duration period) {
    this.probes = List.copyOf(probes);
    ScheduledExecutorService every =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("switchboard-readiness").factory());
    every.scheduleWithFixedDelay(this::probe, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    this.scheduler = every;
  }

  /** Probes {@code probes} every {@code period}, the first time now. */
  public static Readiness probing(List<Probe> probes, Duration period) {
    return probes.isEmpty() ? ALWAYS : new Readiness(probes, period);
  }

  /**
   * What does not answer, as of the last probe ("postgresql: connection refused"); empty: ready.
   */
  public List<String> problems() {
    return problems;
  }

  private void probe() {
    List<String> found = new ArrayList<>(0);
    for (Probe probe : probes) {
      try {
        probe.check();
      } catch (Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        found.add(probe.name() + ": " + why.lines().findFirst().orElse(why));
      }
    }
    problems = List.copyOf(found);
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
