package dev.switchboard.routing;

import dev.switchboard.wire.UpstreamFailure;

/**
 * Decides what follows a failed attempt. Once the client has received content nothing can be
 * retried: the stream ends with an in-band error instead.
 */
public final class FallbackPolicy {
  /** What to do after a failure. */
  public enum Decision {
    NEXT,
    STOP
  }

  public Decision decide(UpstreamFailure failure, boolean committed, boolean moreRoutes) {
    return !committed && moreRoutes && failure.mayTryElsewhere() ? Decision.NEXT : Decision.STOP;
  }
}
