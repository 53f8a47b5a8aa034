package dev.switchboard.gateway;

import dev.switchboard.provider.UpstreamClient;
import dev.switchboard.provider.UpstreamExchange;
import dev.switchboard.provider.UpstreamFailures;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/** A non-streamed request: call the routes in order until one answers, settle, then reply once. */
final class UnaryExchange extends RouteExecution {
  private final ClientChannel client;
  private Optional<UpstreamExchange> current = Optional.empty();
  private Idempotency.Claim claim = Idempotency.Claim.NONE;

  UnaryExchange(
      ChatCall call,
      Attempts attempts,
      UpstreamClient upstream,
      Settlement settlement,
      Recovery recovery,
      ClientChannel client) {
    super(call, attempts, upstream, settlement, recovery);
    this.client = client;
  }

  /** Stores the answer under the request's Idempotency-Key before sending it; frees it on error. */
  UnaryExchange remembering(Idempotency.Claim idempotencyClaim) {
    this.claim = idempotencyClaim;
    return this;
  }

  @Override
  void onClientGone(Runnable action) {
    client.onGone(action);
  }

  @Override
  void relay(Route route, UpstreamExchange exchange) {
    current = Optional.of(exchange);
    call.firstToken();
    contentArrived();
    exchange
        .body()
        .onSuccess(body -> decoded(route, body))
        .onFailure(error -> failed(UpstreamFailures.of(error, true)));
  }

  @Override
  boolean watchesFirstToken() {
    return false;
  }

  @Override
  boolean committed() {
    return false;
  }

  @Override
  void cancelCurrent() {
    current.ifPresent(UpstreamExchange::cancel);
  }

  @Override
  String partialText() {
    return "";
  }

  @Override
  void reject(GatewayError error) {
    claim.release().onComplete(released -> client.reject(error));
  }

  private void decoded(Route route, Buffer body) {
    Passthrough.UnaryBody answer;
    try {
      answer = read(route, body.getBytes());
    } catch (WireException e) {
      failed(StreamAttempt.afterHeaders("unreadable response: " + e.getMessage()));
      return;
    }
    ChatResponse response = answer.response();
    answeredInFull(response.usage().map(Usage::completionTokens).orElse(0L));
    call.answeredAs(response.model());
    String served = route.deployment().modelId();
    settlement
        .settle(call, route, response.usage(), response.completionText())
        .onSuccess(usage -> reply(answer.answer(usage, served, route.provider().name())))
        .onFailure(error -> fail(unrecorded(error)));
  }

  private void reply(byte[] body) {
    if (succeeded()) {
      if (!call.dropped().isEmpty()) {
        client.header(ClientChannel.DROPPED, String.join(", ", call.dropped()));
      }
      claim.complete(body).onComplete(stored -> client.reply(200, body));
    }
  }

  /**
   * Same format: the provider's body, parsed once and relayed with our usage. Otherwise, or when
   * the request was redacted, the canonical response, re-encoded in the client's format.
   */
  private Passthrough.UnaryBody read(Route route, byte[] body) throws WireException {
    if (!call.restorer().isEmpty()) {
      // The redacted values go back into the canonical answer, which is then re-encoded.
      return Passthrough.UnaryBody.translated(
          call.restorer().restore(route.format().decodeResponse(body)), call.ingress, call.request);
    }
    if (route.format() == call.ingress) {
      return call.ingress.passthrough().readBody(body);
    }
    return Passthrough.UnaryBody.translated(
        route.format().decodeResponse(body), call.ingress, call.request);
  }
}
