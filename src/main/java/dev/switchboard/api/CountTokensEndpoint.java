package dev.switchboard.api;

import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.config.Config;
import dev.switchboard.gateway.TokenEstimator;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.TokenCounting;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * A format's token-count route (Anthropic's count_tokens): the request's input tokens, counted off
 * the event loop with the gateway's tokenizer (o200k), so the answer is marked as an estimate for
 * any model whose own tokenizer differs.
 */
final class CountTokensEndpoint implements Handler<RoutingContext> {
  /** Names the tokenizer that counted: the model's own may count differently. */
  static final String ESTIMATED = "X-Switchboard-Token-Estimate";

  private final Vertx vertx;
  private final WireFormat format;
  private final TokenCounting counting;
  private final IngressReader reader;

  CountTokensEndpoint(
      Vertx vertx,
      WireFormat format,
      TokenCounting counting,
      KeyAuthenticator keys,
      Config.Server http) {
    this.vertx = vertx;
    this.format = format;
    this.counting = counting;
    this.reader = new IngressReader(vertx, keys, http.maxBodyBytes());
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    reader
        .read(request)
        .compose(received -> count(parse(received.request())))
        .onSuccess(
            tokens ->
                Replies.json(
                    ctx.response().putHeader(ESTIMATED, "o200k"),
                    200,
                    counting.encodeTokenCount(tokens)))
        .onFailure(error -> Replies.refuse(request, format, Failures.logged(error)));
  }

  private ChatRequest parse(IngressRequest request) {
    try {
      return counting.parseCountRequest(request);
    } catch (WireException e) {
      throw GatewayError.builder(ErrorKind.INVALID_REQUEST, e.getMessage())
          .param(e.param())
          .build();
    }
  }

  private Future<Long> count(ChatRequest request) {
    return vertx.executeBlocking(
        () -> TokenEstimator.estimate(request, "", Integer.MAX_VALUE).promptTokens(), false);
  }
}
