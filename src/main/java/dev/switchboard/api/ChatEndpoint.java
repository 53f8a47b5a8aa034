package dev.switchboard.api;

import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.config.Config;
import dev.switchboard.gateway.ChatPipeline;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * One ingress chat route, in one wire format: the key and the body are received first (see {@link
 * IngressReader}), then the request goes to the format-blind pipeline with an {@link
 * HttpClientChannel} to answer on. Whatever fails or throws on the way, the client gets an answer
 * in the route's format.
 */
final class ChatEndpoint implements Handler<RoutingContext> {
  private final Vertx vertx;
  private final WireFormat format;
  private final IngressReader reader;
  private final ChatPipeline pipeline;
  private final Config.Server http;
  private final StreamTicker ticker;

  ChatEndpoint(
      Vertx vertx,
      WireFormat format,
      KeyAuthenticator keys,
      ChatPipeline pipeline,
      Config.Server http) {
    this.vertx = vertx;
    this.format = format;
    this.reader = new IngressReader(vertx, keys, http.maxBodyBytes());
    this.pipeline = pipeline;
    this.http = http;
    // Half the shorter of the keep-alive and the write timeout: neither is overshot by more.
    this.ticker =
        new StreamTicker(
            vertx,
            Math.min(http.streamKeepAlive().toMillis(), http.limits().writeTimeout().toMillis())
                / 2);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    reader
        .read(request)
        .map(
            received -> {
              // map, not onSuccess: what run throws fails the future, answered below
              pipeline.run(
                  format,
                  received.request(),
                  received.key(),
                  new HttpClientChannel(vertx, ctx, format, http, ticker));
              return received;
            })
        .onFailure(error -> Replies.refuse(request, format, Failures.logged(error)));
  }
}
