package dev.switchboard.api;

import dev.switchboard.provider.UpstreamClient;
import dev.switchboard.provider.UpstreamExchange;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.UpstreamFailure;
import java.util.Optional;

/**
 * A streamed request. Attempts run in route order; the client's stream is committed only once an
 * attempt produced content, so a failure before that moves on to the next route. After that a
 * failure ends the stream with an in-band error, never a clean end. While the client waits,
 * keep-alive comments flow; the final usage event is written only once the ledger row is durable.
 */
final class StreamRelay {
  private final ChatCall call;
  private final Attempts attempts;
  private final UpstreamClient upstream;
  private final Settlement settlement;
  private final ClientStream client;
  private final StreamEncoder encoder;
  private Optional<StreamAttempt> current = Optional.empty();
  private boolean done;

  StreamRelay(
      ChatCall call,
      Attempts attempts,
      UpstreamClient upstream,
      Settlement settlement,
      ClientStream client) {
    this.call = call;
    this.attempts = attempts;
    this.upstream = upstream;
    this.settlement = settlement;
    this.client = client;
    this.encoder = call.ingress.newStreamEncoder(call.request);
  }

  void start() {
    client.onGone(this::clientGone);
    attempt(attempts.current());
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
    StreamAttempt attempt =
        new StreamAttempt(
            call,
            route,
            exchange,
            client,
            encoder,
            new StreamAttempt.Outcome() {
              @Override
              public void completed(StreamAttempt finished) {
                settle(finished);
              }

              @Override
              public void failed(UpstreamFailure failure) {
                StreamRelay.this.failed(failure);
              }
            });
    current = Optional.of(attempt);
    attempt.run();
  }

  private void settle(StreamAttempt attempt) {
    settlement
        .settle(call, attempt.route(), attempt.tap().usage(), attempt.tap().completionText())
        .onSuccess(
            usage -> {
              done = true;
              attempt.close(usage);
              client.end();
            })
        .onFailure(
            error ->
                fail(
                    GatewayError.builder(
                            ErrorKind.INTERNAL, "the usage of this request could not be recorded")
                        .cause(error)
                        .build()));
  }

  private void failed(UpstreamFailure failure) {
    if (done) {
      return;
    }
    current.ifPresent(StreamAttempt::cancel);
    attempts
        .failed(failure, client.committed())
        .ifPresentOrElse(this::attempt, () -> fail(attempts.error()));
  }

  private void fail(GatewayError error) {
    if (done) {
      return;
    }
    done = true;
    String partial = current.map(attempt -> attempt.tap().completionText()).orElse("");
    settlement
        .fail(call, error, partial)
        .onComplete(
            ignored -> {
              if (client.headersSent()) {
                encoder.fail(error, client::write);
                client.end();
              } else {
                client.reject(error, call.ingress);
              }
            });
  }

  private void clientGone() {
    if (done) {
      return;
    }
    done = true;
    current.ifPresent(StreamAttempt::cancel);
    String partial = current.map(attempt -> attempt.tap().completionText()).orElse("");
    settlement.cancelled(call, partial);
  }
}
