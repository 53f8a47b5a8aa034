package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.config.Config;
import dev.switchboard.money.Money;
import dev.switchboard.provider.UpstreamClient;
import dev.switchboard.routing.FallbackPolicy;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.RoutePlanner;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The hot path, in DESIGN.md's order: authenticate, parse, admit, plan, then execute (stream or
 * unary) and settle. Runs on an event loop and never blocks it.
 */
final class ChatPipeline {
  private final Vertx vertx;
  private final KeyAuthenticator keys;
  private final RoutePlanner planner;
  private final UpstreamClient upstream;
  private final Settlement settlement;
  private final Idempotency idempotency;
  private final Config.Server http;
  private final FallbackPolicy fallback = new FallbackPolicy();

  ChatPipeline(
      Vertx vertx,
      KeyAuthenticator keys,
      RoutePlanner planner,
      UpstreamClient upstream,
      Settlement settlement,
      Idempotency idempotency,
      Config.Server http) {
    this.vertx = vertx;
    this.keys = keys;
    this.planner = planner;
    this.upstream = upstream;
    this.settlement = settlement;
    this.idempotency = idempotency;
    this.http = http;
  }

  /**
   * Checks the key on the headers alone, then reads the body: a stranger's upload is never read.
   * Whatever fails or throws on the way, the client gets an answer.
   */
  void handle(RoutingContext ctx, WireFormat ingress) {
    HttpServerRequest request = ctx.request();
    request.pause();
    ClientKeys.authenticate(keys, vertx, request)
        .compose(
            key ->
                RequestBody.read(request, http.maxBodyBytes())
                    .map(
                        body -> {
                          // map, not onSuccess: what dispatch throws fails the future, answered
                          // below
                          dispatch(ctx, ingress, key, body);
                          return key;
                        }))
        .onFailure(error -> Replies.refuse(request, ingress, Failures.logged(error)));
  }

  private void dispatch(RoutingContext ctx, WireFormat ingress, ApiKey key, Buffer body) {
    ChatRequest request;
    try {
      request = ingress.parseRequest(IngressRequest.of(body.getBytes()));
    } catch (WireException e) {
      Replies.error(
          ctx.response(),
          ingress,
          GatewayError.builder(ErrorKind.INVALID_REQUEST, e.getMessage()).param(e.param()).build());
      return;
    }
    ChatCall call =
        new ChatCall(GenerationIds.next(), key, request, ingress, SimFaultHeader.captured(ctx));
    idempotency.guard(ctx, body, call, claim -> execute(ctx, ingress, key, call, claim));
  }

  private void execute(
      RoutingContext ctx, WireFormat ingress, ApiKey key, ChatCall call, Idempotency.Claim claim) {
    ChatRequest request = call.request;
    List<Route> routes;
    try {
      admit(key);
      routes = planner.plan(request.model());
    } catch (GatewayError error) {
      settlement
          .fail(call, error, "")
          .eventually(claim::release)
          .onComplete(
              ignored ->
                  Replies.error(
                      ctx.response().putHeader(Replies.GENERATION_ID, call.generationId),
                      ingress,
                      error));
      return;
    }
    Attempts attempts = new Attempts(routes, fallback);
    if (request.stream()) {
      new StreamRelay(
              call,
              attempts,
              upstream,
              settlement,
              new ClientStream(vertx, ctx.request(), http, call.generationId))
          .start();
    } else {
      new UnaryExchange(call, attempts, upstream, settlement, ctx.response())
          .remembering(claim)
          .start();
    }
  }

  private static void admit(ApiKey key) {
    if (key.overLimit()) {
      throw GatewayError.of(
          ErrorKind.INSUFFICIENT_CREDIT,
          "this key has spent "
              + key.spent()
              + " of "
              + key.limit().map(Money::toString).orElse("its limit")
              + "; raise its limit or use another key");
    }
  }
}
