package dev.switchboard.gateway;

import dev.switchboard.attempt.AttemptListener;
import dev.switchboard.config.Config;
import dev.switchboard.routing.FallbackPolicy;
import dev.switchboard.routing.RetryBudget;
import io.vertx.core.Vertx;

/**
 * How the pipeline recovers from failed attempts, and who hears of each: the routing settings
 * (first-token timeout, deadline), the retry budget every event loop shares, the timers' Vert.x,
 * and the listener every attempt goes to (health first; compose more with {@link
 * AttemptListener#andThen}).
 */
public record Recovery(
    Vertx vertx, Config.Routing routing, RetryBudget budget, AttemptListener listener) {
  static final FallbackPolicy POLICY = new FallbackPolicy();

  /** The configured routing with a budget of its own and no listener (tests, tools). */
  public static Recovery of(Vertx vertx, Config.Routing routing) {
    return new Recovery(vertx, routing, RetryBudget.of(routing), AttemptListener.NONE);
  }
}
