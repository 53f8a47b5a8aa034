package dev.switchboard.api;

import dev.switchboard.provider.UpstreamClient;
import dev.switchboard.provider.UpstreamExchange;
import dev.switchboard.provider.UpstreamFailures;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;

/** A non-streamed request: call the routes in order until one answers, settle, then reply once. */
final class UnaryExchange extends RouteExecution {
  private final HttpServerResponse out;
  private Optional<UpstreamExchange> current = Optional.empty();

  UnaryExchange(
      ChatCall call,
      Attempts attempts,
      UpstreamClient upstream,
      Settlement settlement,
      HttpServerResponse out) {
    super(call, attempts, upstream, settlement);
    this.out = out;
  }

  @Override
  void onClientGone(Runnable action) {
    out.closeHandler(v -> action.run());
  }

  @Override
  void relay(Route route, UpstreamExchange exchange) {
    current = Optional.of(exchange);
    call.firstToken();
    exchange
        .body()
        .onSuccess(body -> decoded(route, body))
        .onFailure(error -> failed(UpstreamFailures.of(error, true)));
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
    Replies.error(out.putHeader(Replies.GENERATION_ID, call.generationId), call.ingress, error);
  }

  private void decoded(Route route, Buffer body) {
    ChatResponse response;
    try {
      response = route.format().decodeResponse(body.getBytes());
    } catch (WireException e) {
      failed(
          new UpstreamFailure(
              UpstreamFailure.Retry.RETRYABLE,
              ErrorKind.UPSTREAM_FAILED,
              200,
              Optional.empty(),
              "unreadable response: " + e.getMessage()));
      return;
    }
    settlement
        .settle(call, route, response.usage(), response.completionText())
        .onSuccess(usage -> reply(route, body, response, usage))
        .onFailure(error -> fail(unrecorded(error)));
  }

  private void reply(Route route, Buffer body, ChatResponse response, Usage usage) {
    if (!succeeded()) {
      return;
    }
    Replies.json(
        out.putHeader(Replies.GENERATION_ID, call.generationId),
        200,
        encode(route, body, response, usage));
  }

  /**
   * Same format: the provider's body with our usage; otherwise the canonical response re-encoded.
   */
  private byte[] encode(Route route, Buffer body, ChatResponse response, Usage usage) {
    if (route.format() == call.ingress) {
      try {
        return call.ingress.passthrough().withUsage(body.getBytes(), usage);
      } catch (WireException e) {
        // Decoding succeeded a moment ago, so this cannot happen; the canonical form is still
        // right.
      }
    }
    return call.ingress.encodeResponse(
        new ChatResponse(
            response.id(),
            response.model(),
            response.created(),
            response.choices(),
            Optional.of(usage)));
  }
}
