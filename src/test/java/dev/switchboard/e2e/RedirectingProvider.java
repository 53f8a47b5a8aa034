package dev.switchboard.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A provider that answers every request with a redirect ({@code /<status>/...} answers that status)
 * to the same path on a target, which records every request it receives and would answer it: if the
 * gateway followed a redirect, the target would see it. Carelessly, the Location echoes the
 * credential the request carried (its Authorization header and query), in the header and in the
 * body, so a gateway that showed either would show a key.
 */
final class RedirectingProvider implements AutoCloseable {
  private static final String ANSWER =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":"
          + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"followed\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,"
          + "\"total_tokens\":2}}";

  /** What the target received: method, URI and every header, one string per request. */
  final Queue<String> targetHits = new ConcurrentLinkedQueue<>();

  private final HttpServer redirector;
  private final HttpServer target;

  private RedirectingProvider(Vertx vertx) {
    this.target = vertx.createHttpServer().requestHandler(this::record);
    this.redirector = vertx.createHttpServer().requestHandler(this::redirect);
  }

  static RedirectingProvider start(Vertx vertx) {
    RedirectingProvider provider = new RedirectingProvider(vertx);
    listen(provider.target);
    listen(provider.redirector);
    return provider;
  }

  /** A base URL whose calls are answered with {@code status} (301, 302, 303, 307, 308). */
  String baseUrl(int status) {
    return "http://127.0.0.1:" + redirector.actualPort() + "/" + status + "/v1";
  }

  @Override
  public void close() {
    redirector.close().toCompletionStage().toCompletableFuture().join();
    target.close().toCompletionStage().toCompletableFuture().join();
  }

  private void record(HttpServerRequest request) {
    targetHits.add(request.method() + " " + request.uri() + " " + request.headers());
    request.response().putHeader("content-type", "application/json").end(ANSWER);
  }

  private void redirect(HttpServerRequest request) {
    int status = Integer.parseInt(request.path().split("/")[1]);
    String credential = request.getHeader("authorization") + " " + request.query();
    String location =
        "http://127.0.0.1:"
            + target.actualPort()
            + request.path()
            + "?echo="
            + URLEncoder.encode(credential, StandardCharsets.UTF_8);
    // As Express does: "Found. Redirecting to <url>".
    request
        .response()
        .setStatusCode(status)
        .putHeader("location", location)
        .putHeader("content-type", "text/plain")
        .end("Found. Redirecting to " + location);
  }

  private static void listen(HttpServer server) {
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
  }
}
