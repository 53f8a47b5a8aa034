package dev.switchboard.gateway;

import dev.switchboard.provider.UpstreamClient;
import dev.switchboard.provider.UpstreamExchange;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.UpstreamFailure;

/**
 * Runs one request through its routes until one answers; the unary and streamed paths differ only
 * in how they relay an answer and end. Event-loop confined: every method runs on the request's
 * context. Exactly one ending happens: a reply, an error, or the client going away.
 */
abstract class RouteExecution {
  final ChatCall call;
  final Settlement settlement;
  private final Attempts attempts;
  private final UpstreamClient upstream;
  private boolean done;

  RouteExecution(ChatCall call, Attempts attempts, UpstreamClient upstream, Settlement settlement) {
    this.call = call;
    this.attempts = attempts;
    this.upstream = upstream;
    this.settlement = settlement;
  }

  final void start() {
    onClientGone(this::clientGone);
    attempt(attempts.current());
  }

  /** Registers what to do if the client leaves before the end. */
  abstract void onClientGone(Runnable action);

  /** Relays a 2xx answer; reports {@link #failed} or {@link #succeeded} later. */
  abstract void relay(Route route, UpstreamExchange exchange);

  /** True once the client received content: no other route can be tried after that. */
  abstract boolean committed();

  /** Stops the attempt in flight, if any. */
  abstract void cancelCurrent();

  /** The text generated so far, for the token estimate of an unfinished request. */
  abstract String partialText();

  /** Sends the error to the client, in its format; the ledger row is already written. */
  abstract void reject(GatewayError error);

  /** Marks the request finished; false if it already was (the client left, or an error won). */
  final boolean succeeded() {
    if (done) {
      return false;
    }
    done = true;
    return true;
  }

  /** A failed attempt: the next route if the fallback policy allows one, else the end. */
  final void failed(UpstreamFailure failure) {
    if (done) {
      return;
    }
    cancelCurrent();
    attempts
        .failed(upstream.scrub(failure), committed())
        .ifPresentOrElse(this::attempt, () -> fail(attempts.error()));
  }

  final void fail(GatewayError error) {
    if (done) {
      return;
    }
    done = true;
    settlement.fail(call, error, partialText()).onComplete(ignored -> reject(error));
  }

  static GatewayError unrecorded(Throwable cause) {
    return GatewayError.builder(
            ErrorKind.INTERNAL, "the usage of this request could not be recorded")
        .cause(cause)
        .build();
  }

  private void attempt(Route route) {
    Attempts.call(upstream, call, route)
        .onSuccess(exchange -> answered(route, exchange))
        .onFailure(error -> failed(Attempts.failureOf(error)));
  }

  private void answered(Route route, UpstreamExchange exchange) {
    if (done) {
      exchange.cancel();
      return;
    }
    relay(route, exchange);
  }

  private void clientGone() {
    if (done) {
      return;
    }
    done = true;
    cancelCurrent();
    settlement.cancelled(call, partialText());
  }
}
