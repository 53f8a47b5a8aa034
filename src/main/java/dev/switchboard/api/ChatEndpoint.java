package dev.switchboard.api;

import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.config.Config;
import dev.switchboard.gateway.ChatPipeline;
import dev.switchboard.gateway.Idempotency;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One ingress chat route, in one wire format: checks the key on the headers alone, then reads the
 * body (a stranger's upload is never read), and hands the request to the format-blind pipeline with
 * an {@link HttpClientChannel} to answer on. Whatever fails or throws on the way, the client gets
 * an answer in the route's format.
 */
final class ChatEndpoint implements Handler<RoutingContext> {
  /** Sent twice, these leave what to do a guess; refused rather than joined. */
  private static final String IDEMPOTENCY_KEY = Idempotency.HEADER.toLowerCase(Locale.ROOT);

  private final Vertx vertx;
  private final WireFormat format;
  private final KeyAuthenticator keys;
  private final ChatPipeline pipeline;
  private final Config.Server http;

  ChatEndpoint(
      Vertx vertx,
      WireFormat format,
      KeyAuthenticator keys,
      ChatPipeline pipeline,
      Config.Server http) {
    this.vertx = vertx;
    this.format = format;
    this.keys = keys;
    this.pipeline = pipeline;
    this.http = http;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    ClientCredentials.authenticate(keys, vertx, request)
        .compose(
            key ->
                RequestBody.read(request, http.maxBodyBytes())
                    .map(
                        body -> {
                          // map, not onSuccess: what run throws fails the future, answered below
                          pipeline.run(
                              format,
                              ingress(request, body),
                              key,
                              new HttpClientChannel(vertx, ctx, format, http));
                          return key;
                        }))
        .onFailure(error -> Replies.refuse(request, format, Failures.logged(error)));
  }

  static IngressRequest ingress(HttpServerRequest request, Buffer body) {
    if (request.headers().getAll(IDEMPOTENCY_KEY).size() > 1) {
      throw GatewayError.of(
          ErrorKind.INVALID_REQUEST,
          Idempotency.HEADER
              + ": send it once; this request has "
              + request.headers().getAll(IDEMPOTENCY_KEY).size());
    }
    // path() and query(), not uri(): an absolute-form request line names the host too.
    String query = request.query();
    String path = query == null ? request.path() : request.path() + "?" + query;
    return new IngressRequest(path, headers(request), body.getBytes());
  }

  /** Lower-cased names; a repeated header's values joined by ", " (RFC 9110 5.3). */
  private static Map<String, String> headers(HttpServerRequest request) {
    Map<String, String> headers = new HashMap<>(request.headers().size() * 2);
    for (Map.Entry<String, String> header : request.headers()) {
      headers.merge(
          header.getKey().toLowerCase(Locale.ROOT),
          header.getValue(),
          (first, next) -> first + ", " + next);
    }
    return headers;
  }
}
