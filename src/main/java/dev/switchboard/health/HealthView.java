package dev.switchboard.health;

/**
 * What routing reads of live health, by deployment key ({@code Deployment.key()}). Thread-safe;
 * {@link #available} is cheap enough for every deployment of every request, {@link #status} is
 * computed at most about once a second per deployment and may be read per request as well.
 */
public interface HealthView {
  /** No statistics: everything available, nothing known (tests, and a gateway's first second). */
  HealthView NONE =
      new HealthView() {
        @Override
        public boolean available(String deploymentKey) {
          return true;
        }

        @Override
        public DeploymentStatus status(String deploymentKey) {
          return DeploymentStatus.unknown(deploymentKey);
        }
      };

  /**
   * False while the deployment is ejected; true again once its ejection ran out, when the next
   * request probes it. While probing, a true answer is the claim of the one probe allowed at a time
   * (until it reports, or for the ejection's base period): ask once per deployment per request, for
   * a deployment the request will try if it is available.
   */
  boolean available(String deploymentKey);

  /** The deployment's state and its statistics over the last 5 minutes and hour. */
  DeploymentStatus status(String deploymentKey);
}
