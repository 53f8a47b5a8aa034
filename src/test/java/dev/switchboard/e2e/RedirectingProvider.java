package dev.switchboard.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A provider that answers every request with a redirect ({@code /<status>/...} answers that status)
 * to the same path on a target, which records every request it receives and would answer it: if the
 * gateway followed a redirect, the target would see it.
 */
final class RedirectingProvider implements AutoCloseable {
  private static final String ANSWER =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":"
          + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"followed\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,"
          + "\"total_tokens\":2}}";

  /** What the target received: method, URI and every header, one string per request. */
  final Queue<String> targetHits;

  private final HttpServer redirector;
  private final HttpServer target;

  private RedirectingProvider(HttpServer redirector, HttpServer target, Queue<String> hits) {
    this.redirector = redirector;
    this.target = target;
    this.targetHits = hits;
  }

  /** {@code locationQuery}: appended to the Location (a key there must not leak either). */
  static RedirectingProvider start(Vertx vertx, String locationQuery) {
    Queue<String> hits = new ConcurrentLinkedQueue<>();
    HttpServer target =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  hits.add(request.method() + " " + request.uri() + " " + request.headers());
                  request.response().putHeader("content-type", "application/json").end(ANSWER);
                });
    listen(target);
    HttpServer redirector =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  String[] segments = request.path().split("/");
                  int status = Integer.parseInt(segments[1]);
                  request
                      .response()
                      .setStatusCode(status)
                      .putHeader(
                          "location",
                          "http://127.0.0.1:"
                              + target.actualPort()
                              + request.path()
                              + locationQuery)
                      .end();
                });
    listen(redirector);
    return new RedirectingProvider(redirector, target, hits);
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

  private static void listen(HttpServer server) {
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
  }
}
