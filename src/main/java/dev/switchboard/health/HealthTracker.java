package dev.switchboard.health;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.attempt.AttemptListener;
import dev.switchboard.config.Config;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Live health of every deployment, fed by attempt events, read by routing and the endpoints API.
 * One per gateway, shared by every event loop: each deployment has its own lock, taken by {@link
 * #ended} (cheap: a few counters and three histogram bins per window) and by {@link #status} at
 * most once a second; {@link #available} takes none and allocates nothing.
 *
 * <p>Only OK, provider faults and rate limits are health signals: {@code attempts} counts those, so
 * uptime is the share of them that were not provider faults. Rejections (the provider refused this
 * request) and cancellations (the client left) are not counted. Latency, time to first token and
 * throughput are measured on OK attempts only. Ejection is {@link Ejection}'s.
 */
public final class HealthTracker implements HealthView, AttemptListener {
  // The request log's logger, so the lines are written in the configured text or JSON shape.
  private static final System.Logger LOG = System.getLogger("switchboard.requests");

  private final Config.Routing routing;
  private final LongSupplier nanos;
  private final long origin;
  private final Instant originWall;
  private final ConcurrentHashMap<String, DeploymentHealth> deployments = new ConcurrentHashMap<>();

  public HealthTracker(Config.Routing routing) {
    this(routing, System::nanoTime);
  }

  /** With a clock of its own, in nanoseconds (tests move it by hand). */
  HealthTracker(Config.Routing routing, LongSupplier nanos) {
    this.routing = routing;
    this.nanos = nanos;
    this.origin = nanos.getAsLong();
    this.originWall = Instant.now();
  }

  @Override
  public void ended(Attempt attempt) {
    String key = attempt.deploymentKey();
    long now = now();
    DeploymentHealth health = deployments.get(key);
    if (health == null) {
      health = deployments.computeIfAbsent(key, k -> new DeploymentHealth(routing, now));
    }
    switch (health.ended(attempt, now)) {
      case EJECTED ->
          // Formatted here: the log line writer prints a record's message as it is.
          LOG.log(
              Level.WARNING,
              String.format(
                  "deployment ejected: %s consecutive_faults=%d for_ms=%d",
                  key,
                  health.ejection.consecutiveFaults(),
                  health.ejection.periodNanos() / 1_000_000));
      case RECOVERED -> LOG.log(Level.INFO, "deployment back in service: " + key);
      case NONE -> {}
    }
  }

  /**
   * True unless ejected. Once an ejection runs out, true for one caller at a time (the probe):
   * calling this claims the try, so call it only for a deployment the request will try next.
   */
  @Override
  public boolean available(String deploymentKey) {
    DeploymentHealth health = deployments.get(deploymentKey);
    return health == null || !health.ejection.out() || health.ejection.available(now());
  }

  @Override
  public DeploymentStatus status(String deploymentKey) {
    DeploymentHealth health = deployments.get(deploymentKey);
    if (health == null) {
      return DeploymentStatus.unknown(deploymentKey);
    }
    long now = now();
    DeploymentHealth.Snapshot windows = health.windows(now);
    Ejection ejection = health.ejection;
    DeploymentStatus.State state = ejection.state(now);
    Optional<Instant> until =
        state == DeploymentStatus.State.EJECTED
            ? Optional.of(originWall.plusNanos(ejection.until()))
            : Optional.empty();
    return new DeploymentStatus(
        deploymentKey,
        state,
        ejection.consecutiveFaults(),
        until,
        windows.last5m(),
        windows.lastHour());
  }

  /** Nanoseconds since the tracker started, so slot periods count from zero. */
  private long now() {
    return nanos.getAsLong() - origin;
  }
}
