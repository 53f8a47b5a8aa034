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
final class UnaryExchange {
  private final ChatCall call;
  private final Attempts attempts;
  private final UpstreamClient upstream;
  private final Settlement settlement;
  private final HttpServerResponse out;
  private Optional<UpstreamExchange> current = Optional.empty();
  private boolean done;

  UnaryExchange(
      ChatCall call,
      Attempts attempts,
      UpstreamClient upstream,
      Settlement settlement,
      HttpServerResponse out) {
    this.call = call;
    this.attempts = attempts;
    this.upstream = upstream;
    this.settlement = settlement;
    this.out = out;
  }

  void start() {
    out.closeHandler(v -> clientGone());
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
    current = Optional.of(exchange);
    call.firstToken();
    exchange
        .body()
        .onSuccess(body -> decoded(route, body))
        .onFailure(error -> failed(UpstreamFailures.of(error, true)));
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
        .onFailure(
            error ->
                finish(
                    GatewayError.builder(
                            ErrorKind.INTERNAL, "the usage of this request could not be recorded")
                        .cause(error)
                        .build()));
  }

  private void reply(Route route, Buffer body, ChatResponse response, Usage usage) {
    done = true;
    byte[] bytes;
    if (route.format() == call.ingress) {
      try {
        bytes = call.ingress.passthrough().withUsage(body.getBytes(), usage);
      } catch (WireException e) {
        bytes = call.ingress.encodeResponse(withUsage(response, usage));
      }
    } else {
      bytes = call.ingress.encodeResponse(withUsage(response, usage));
    }
    Replies.json(out.putHeader(Replies.GENERATION_ID, call.generationId), 200, bytes);
  }

  private static ChatResponse withUsage(ChatResponse response, Usage usage) {
    return new ChatResponse(
        response.id(),
        response.model(),
        response.created(),
        response.choices(),
        Optional.of(usage));
  }

  private void failed(UpstreamFailure failure) {
    if (done) {
      return;
    }
    attempts.failed(failure, false).ifPresentOrElse(this::attempt, () -> finish(attempts.error()));
  }

  private void finish(GatewayError error) {
    if (done) {
      return;
    }
    done = true;
    settlement
        .fail(call, error, "")
        .onComplete(
            ignored ->
                Replies.error(
                    out.putHeader(Replies.GENERATION_ID, call.generationId), call.ingress, error));
  }

  private void clientGone() {
    if (done) {
      return;
    }
    done = true;
    current.ifPresent(UpstreamExchange::cancel);
    settlement.cancelled(call, "");
  }
}
