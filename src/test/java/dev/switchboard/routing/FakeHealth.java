package dev.switchboard.routing;

import dev.switchboard.health.DeploymentStatus;
import dev.switchboard.health.HealthView;
import dev.switchboard.health.Percentiles;
import dev.switchboard.health.WindowStats;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Health a test sets by hand: ejected deployments and 5-minute statistics by deployment key. */
final class FakeHealth implements HealthView {
  private final Set<String> ejected = new HashSet<>();
  private final Map<String, WindowStats> last5m = new HashMap<>();
  private final Map<String, Integer> asked = new HashMap<>();

  FakeHealth eject(String key) {
    ejected.add(key);
    return this;
  }

  /** Throughput and time to first token, p50 (other percentiles 1.5x / 2x / 3x worse). */
  FakeHealth measured(String key, double tokensPerSecond, double firstTokenMs) {
    last5m.put(
        key,
        new WindowStats(
            100,
            0,
            0,
            1.0,
            new Percentiles(firstTokenMs, firstTokenMs * 1.5, firstTokenMs * 2, firstTokenMs * 3),
            Percentiles.UNKNOWN,
            new Percentiles(
                tokensPerSecond, tokensPerSecond / 1.5, tokensPerSecond / 2, tokensPerSecond / 3)));
    return this;
  }

  @Override
  public boolean available(String deploymentKey) {
    asked.merge(deploymentKey, 1, Integer::sum);
    return !ejected.contains(deploymentKey);
  }

  /** How often each deployment's availability was asked since the last call; then forgets. */
  Map<String, Integer> askedAndReset() {
    Map<String, Integer> copy = Map.copyOf(asked);
    asked.clear();
    return copy;
  }

  @Override
  public DeploymentStatus status(String deploymentKey) {
    WindowStats stats = last5m.get(deploymentKey);
    if (stats == null) {
      return DeploymentStatus.unknown(deploymentKey);
    }
    return new DeploymentStatus(
        deploymentKey,
        !ejected.contains(deploymentKey)
            ? DeploymentStatus.State.HEALTHY
            : DeploymentStatus.State.EJECTED,
        0,
        Optional.empty(),
        stats,
        stats);
  }
}
