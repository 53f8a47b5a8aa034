package dev.switchboard.gateway;

import dev.switchboard.provider.UpstreamClient;
import dev.switchboard.provider.UpstreamExchange;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.Usage;
import java.util.Optional;

/**
 * A streamed request. Attempts run in route order; the client's stream is committed only once an
 * attempt produced content, so a failure before that moves on to the next route. After that a
 * failure ends the stream with an in-band error, never a clean end. While the client waits,
 * keep-alive comments flow; the final usage event is written only once the ledger row is durable.
 */
final class StreamRelay extends RouteExecution {
  private final ClientChannel channel;
  private final ClientChannel.Stream client;
  private Optional<StreamAttempt> current = Optional.empty();

  StreamRelay(
      ChatCall call,
      Attempts attempts,
      UpstreamClient upstream,
      Settlement settlement,
      Recovery recovery,
      ClientChannel channel) {
    super(call, attempts, upstream, settlement, recovery);
    this.channel = channel;
    this.client = channel.stream();
  }

  @Override
  void onClientGone(Runnable action) {
    channel.onGone(action);
  }

  @Override
  void relay(Route route, UpstreamExchange exchange) {
    StreamAttempt attempt =
        new StreamAttempt(
            call,
            route,
            exchange,
            client,
            call.hold()
                .filter(hold -> hold.reservation().isPresent())
                .map(hold -> settlement.meter(hold, route)),
            new StreamAttempt.Outcome() {
              @Override
              public void content() {
                contentArrived();
              }

              @Override
              public void completed(StreamAttempt finished) {
                settle(finished);
              }

              @Override
              public void failed(UpstreamFailure failure) {
                StreamRelay.this.failed(failure);
              }

              @Override
              public void outOfBudget(GatewayError error) {
                fail(error);
              }
            });
    current = Optional.of(attempt);
    if (!call.dropped().isEmpty()) {
      channel.header(ClientChannel.DROPPED, String.join(", ", call.dropped()));
    }
    attempt.run();
  }

  @Override
  boolean watchesFirstToken() {
    return true;
  }

  @Override
  long generatedTokens() {
    return current
        .flatMap(attempt -> attempt.tap().usage())
        .map(Usage::completionTokens)
        .orElse(0L);
  }

  @Override
  boolean committed() {
    return client.committed();
  }

  @Override
  void cancelCurrent() {
    current.ifPresent(StreamAttempt::cancel);
  }

  @Override
  String partialText() {
    return current.map(attempt -> attempt.tap().completionText()).orElse("");
  }

  @Override
  void reject(GatewayError error) {
    if (client.headersSent()) {
      current
          .map(StreamAttempt::encoder)
          .orElseGet(this::unansweredEncoder)
          .fail(error, client::write);
      client.end();
    } else {
      channel.reject(error);
    }
  }

  /** For an error in a stream no attempt answered: it names the generation and the model asked. */
  private StreamEncoder unansweredEncoder() {
    StreamEncoder encoder = call.ingress.newStreamEncoder(call.request);
    encoder.identify(call.generationId, call.startedAt.getEpochSecond(), call.request.model());
    return encoder;
  }

  private void settle(StreamAttempt attempt) {
    answeredInFull(generatedTokens());
    settlement
        .settle(call, attempt.route(), attempt.tap().usage(), attempt.tap().completionText())
        .onSuccess(
            usage -> {
              if (succeeded()) {
                attempt.close(usage);
                client.end();
              }
            })
        .onFailure(error -> fail(unrecorded(error)));
  }
}
