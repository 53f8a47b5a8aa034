package dev.switchboard.gateway;

import dev.switchboard.provider.UpstreamClient;
import dev.switchboard.provider.UpstreamExchange;
import dev.switchboard.provider.UpstreamFailures;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.UpstreamCall;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.WireException;
import io.vertx.core.AsyncResult;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs one request through its routes until one answers; the unary and streamed paths differ only
 * in how they relay an answer and end. Event-loop confined: every method runs on the request's
 * context. Exactly one ending happens: a reply, an error, or the client going away. Between tries
 * it owns at most one timer (a streamed try's first-token timer, or the wait before a retry), and a
 * client that leaves stops the call in flight and that timer at once.
 */
abstract class RouteExecution {
  private static final long NO_TIMER = -1;
  final ChatCall call;
  final Settlement settlement;
  final Attempts attempts;
  private final UpstreamClient upstream;
  private final Recovery recovery;
  private boolean done;
  private UpstreamClient.@Nullable Pending pending;
  private @Nullable UpstreamExchange exchange;
  private long timer = NO_TIMER;

  RouteExecution(
      ChatCall call,
      Attempts attempts,
      UpstreamClient upstream,
      Settlement settlement,
      Recovery recovery) {
    this.call = call;
    this.attempts = attempts;
    this.upstream = upstream;
    this.settlement = settlement;
    this.recovery = recovery;
  }

  final void start() {
    onClientGone(this::clientGone);
    attempt();
  }

  /** Registers what to do if the client leaves before the end. */
  abstract void onClientGone(Runnable action);

  /** Relays a 2xx answer; reports {@link #failed} or {@link #succeeded} later. */
  abstract void relay(Route route, UpstreamExchange exchange);

  /** True once the client received content: no other route can be tried after that. */
  abstract boolean committed();

  /** Stops the relay of the attempt in flight, if any. */
  abstract void cancelCurrent();

  /** The text generated so far, for the token estimate of an unfinished request. */
  abstract String partialText();

  /** Sends the error to the client, in its format; the ledger row is already written. */
  abstract void reject(GatewayError error);

  /**
   * Whether a try that shows no content within the first-token timeout is abandoned: streams only.
   * A unary answer's first byte is the whole answer, so it keeps the upstream idle timeout instead
   * (a long answer generated in full before it is sent is not a silent provider).
   */
  abstract boolean watchesFirstToken();

  /** The completion tokens the provider reported for the try in progress, 0 when unknown. */
  long generatedTokens() {
    return 0;
  }

  /** Marks the request finished; false if it already was (the client left, or an error won). */
  final boolean succeeded() {
    if (done) {
      return false;
    }
    done = true;
    return true;
  }

  /** The try in progress produced content: its first-token timer has done its job. */
  final void contentArrived() {
    attempts.firstToken();
    cancelTimer();
  }

  /** The try in progress answered in full; report it before the ledger row is written. */
  final void answeredInFull(long outputTokens) {
    cancelTimer();
    UpstreamExchange answered = exchange;
    attempts.succeeded(
        answered == null ? 200 : answered.status(),
        answered == null ? 0 : answered.bytes(),
        outputTokens);
  }

  /** A failed try: the same route again, the next one, or the end, as the attempts decide. */
  final void failed(UpstreamFailure failure) {
    if (done) {
      return;
    }
    long bytes = exchange == null ? 0 : exchange.bytes();
    // Only a try whose answer was being relayed has generated tokens of its own.
    long tokens = exchange != null && exchange.status() / 100 == 2 ? generatedTokens() : 0;
    // Reported first: from here the try is over, so what stopping it triggers (a reset call
    // failing its future at once) is a stale callback, ignored.
    Attempts.Next next = attempts.failed(upstream.scrub(failure), committed(), bytes, tokens);
    stopTry();
    switch (next.action()) {
      case RETRY -> after(next.delay(), this::attempt);
      case NEXT -> attempt();
      case STOP -> fail(attempts.error());
    }
  }

  final void fail(GatewayError error) {
    if (done) {
      return;
    }
    done = true;
    stopTry();
    settlement.fail(call, error, partialText()).onComplete(ignored -> reject(error));
  }

  static GatewayError unrecorded(Throwable cause) {
    return GatewayError.builder(
            ErrorKind.INTERNAL, "the usage of this request could not be recorded")
        .cause(cause)
        .build();
  }

  /** Starts a try of the current route. */
  private void attempt() {
    if (done) {
      return;
    }
    exchange = null;
    UpstreamCall encoded;
    try {
      encoded = attempts.begin();
    } catch (WireException e) {
      failed(attempts.untranslatable(e));
      return;
    }
    Route route = attempts.current();
    int number = attempts.number();
    UpstreamClient.Pending sending = upstream.start(route.endpoint(), encoded);
    pending = sending;
    if (watchesFirstToken()) {
      Duration remaining = call.remaining(recovery.routing());
      Duration limit = recovery.routing().firstTokenTimeout(route.deployment().modelId());
      Duration wait = remaining.compareTo(limit) < 0 ? remaining : limit;
      after(wait, () -> noFirstToken(number, wait));
    }
    sending.response().onComplete(result -> headers(number, route, result));
    if (number == 1) {
      // Queued behind the request's own write: the loop labels the row while the provider thinks.
      recovery.vertx().runOnContext(ahead -> call.categorize());
    }
  }

  private void headers(int number, Route route, AsyncResult<UpstreamExchange> result) {
    if (done || !attempts.inProgress(number)) {
      // A try given up on (timed out, superseded, the client left) that answered anyway.
      if (result.succeeded()) {
        result.result().cancel();
      }
      return;
    }
    pending = null;
    if (result.failed()) {
      failed(UpstreamFailures.beforeHeaders(result.cause()));
      return;
    }
    UpstreamExchange answered = result.result();
    exchange = answered;
    if (answered.status() / 100 == 2) {
      relay(route, answered);
    } else {
      answered
          .failure(route.format())
          .onSuccess(
              failure -> {
                if (attempts.inProgress(number)) {
                  failed(failure);
                }
              });
    }
  }

  private void noFirstToken(int number, Duration waited) {
    if (done || !attempts.inProgress(number)) {
      return;
    }
    failed(
        new UpstreamFailure(
                UpstreamFailure.Retry.RETRYABLE,
                ErrorKind.UPSTREAM_TIMEOUT,
                exchange == null ? 0 : exchange.status(),
                Optional.empty(),
                "no content from the provider within " + waited.toMillis() + " ms")
            .withCause(UpstreamFailure.Cause.FIRST_TOKEN_TIMEOUT));
  }

  /** Stops everything the try in progress holds: its call, its relay, its timer. */
  private void stopTry() {
    cancelTimer();
    UpstreamClient.Pending sending = pending;
    pending = null;
    if (sending != null) {
      sending.cancel();
    }
    cancelCurrent();
  }

  private void after(Duration wait, Runnable action) {
    cancelTimer();
    if (wait.isZero() || wait.isNegative()) {
      action.run();
      return;
    }
    timer =
        recovery
            .vertx()
            .setTimer(
                Math.max(1, wait.toMillis()),
                id -> {
                  timer = NO_TIMER;
                  action.run();
                });
  }

  private void cancelTimer() {
    if (timer != NO_TIMER) {
      recovery.vertx().cancelTimer(timer);
      timer = NO_TIMER;
    }
  }

  private void clientGone() {
    if (done) {
      return;
    }
    done = true;
    long bytes = exchange == null ? 0 : exchange.bytes();
    stopTry();
    attempts.cancelled(bytes);
    settlement.cancelled(call, partialText());
  }
}
