package dev.switchboard.health;

import java.time.Instant;
import java.util.Optional;

/**
 * One deployment's health as last computed: whether it takes traffic, how many provider faults in a
 * row it has had, until when it is ejected, and its statistics over two windows.
 */
public record DeploymentStatus(
    String deploymentKey,
    State state,
    int consecutiveFaults,
    Optional<Instant> ejectedUntil,
    WindowStats last5m,
    WindowStats lastHour) {

  /** HEALTHY: takes traffic; EJECTED: skipped until its time runs out; PROBING: one try allowed. */
  public enum State {
    HEALTHY,
    EJECTED,
    PROBING
  }

  /** A deployment nothing is known about yet. */
  public static DeploymentStatus unknown(String deploymentKey) {
    return new DeploymentStatus(
        deploymentKey, State.HEALTHY, 0, Optional.empty(), WindowStats.EMPTY, WindowStats.EMPTY);
  }
}
