package dev.switchboard.health;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.attempt.AttemptListener;
import dev.switchboard.config.Config;

/**
 * Live health of every deployment, fed by attempt events, read by routing and the endpoints API.
 * One per gateway, shared by every event loop.
 */
public final class HealthTracker implements HealthView, AttemptListener {
  public HealthTracker(Config.Routing routing) {
    // Skeleton: the tracker is being built (issue 8); until then everything is available.
  }

  @Override
  public void ended(Attempt attempt) {}

  @Override
  public boolean available(String deploymentKey) {
    return true;
  }

  @Override
  public DeploymentStatus status(String deploymentKey) {
    return DeploymentStatus.unknown(deploymentKey);
  }
}
