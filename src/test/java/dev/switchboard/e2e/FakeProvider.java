package dev.switchboard.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving OpenAI-compatible provider for the tests the simulator does not cover: it echoes
 * the headers and URL it received into its errors (as some proxies do), and it streams without end
 * while honouring back-pressure. The behaviour is the request's model name.
 */
final class FakeProvider implements AutoCloseable {
  private static final String CHUNK =
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":null}]}\n\n";
  private static final String FINISH =
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,"
          + "\"total_tokens\":11}}\n\ndata: [DONE]\n\n";
  private static final String UNARY =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":"
          + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"fine\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,"
          + "\"total_tokens\":10}}";
  private static final Buffer BULK =
      Buffer.buffer(CHUNK.formatted("the quick brown fox jumps over a lazy dog ".repeat(100)));

  /** Endless streams open right now. */
  final AtomicInteger endlessOpen = new AtomicInteger();

  /** Endless streams ever begun. */
  final AtomicInteger endlessBegun = new AtomicInteger();

  private final Vertx vertx;
  private final Set<String> scriptsPlayed = ConcurrentHashMap.newKeySet();
  private HttpServer server;

  private FakeProvider(Vertx vertx) {
    this.vertx = vertx;
  }

  static FakeProvider start(Vertx vertx) {
    FakeProvider fake = new FakeProvider(vertx);
    fake.server = vertx.createHttpServer().requestHandler(fake::handle);
    fake.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    return fake;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  @Override
  public void close() {
    server.close().toCompletionStage().toCompletableFuture().join();
  }

  private void handle(HttpServerRequest request) {
    request
        .body()
        .onSuccess(
            body -> {
              String model;
              try {
                model = Json.tree(body.getBytes()).path("model").asText();
              } catch (WireException e) {
                model = "";
              }
              behave(model, request, request.response());
            });
  }

  private void behave(String model, HttpServerRequest request, HttpServerResponse out) {
    String echo = echo(request);
    switch (model) {
      case "ok" -> answer(request, out);
      case "once" -> once(request, out);
      case "endless" -> endless(out);
      case "echo-json-401", "echo-json-403", "echo-json-400", "echo-json-500" ->
          out.setStatusCode(Integer.parseInt(model.substring(10)))
              .putHeader("content-type", "application/json")
              .end(Json.string(Json.object().set("error", errorObject(echo))));
      case "echo-text-502" ->
          out.setStatusCode(502).putHeader("content-type", "text/plain").end(echo);
      case "echo-in-stream" ->
          streamThen(out, "data: " + Json.string(Json.object().set("error", errorObject(echo))));
      case "echo-malformed" -> streamThen(out, "data: {not json " + echo.replace('\n', ' '));
      case "drop" -> {
        startStream(out).write(CHUNK.formatted("partial"));
        afterFlush(out, () -> request.connection().close());
      }
      case "stall" -> startStream(out).write(CHUNK.formatted("then nothing"));
      case "silent" -> {
        // Holds the request without a byte until the gateway gives up.
      }
      default -> out.setStatusCode(404).end("unknown fake behaviour " + model);
    }
  }

  /**
   * Fails the first request carrying a given x-sim-fault value, then answers every later one: a
   * transient failure, which the simulator (the same fault on every request) cannot play. The value
   * is {@code <failure>/<nonce>}: status-500, status-429 (Retry-After: 1) or reset (the connection
   * closes before any header).
   */
  private void once(HttpServerRequest request, HttpServerResponse out) {
    String script = String.valueOf(request.getHeader("x-sim-fault"));
    if (!scriptsPlayed.add(script)) {
      answer(request, out);
      return;
    }
    switch (script.substring(0, Math.max(0, script.indexOf('/')))) {
      case "status-500" ->
          out.setStatusCode(500)
              .putHeader("content-type", "application/json")
              .end("{\"error\":{\"message\":\"transient\",\"type\":\"server_error\"}}");
      case "status-429" ->
          out.setStatusCode(429)
              .putHeader("content-type", "application/json")
              .putHeader("retry-after", "1")
              .end("{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}");
      case "reset" -> request.connection().close();
      default -> out.setStatusCode(404).end("unknown script " + script);
    }
  }

  private static ObjectNode errorObject(String echo) {
    return Json.object().put("message", echo).put("type", "echo").put("code", "echoed_request");
  }

  /** What a careless proxy shows when it fails: the request as it received it. */
  private static String echo(HttpServerRequest request) {
    StringBuilder text = new StringBuilder("request was:\r\n");
    text.append(request.method()).append(' ').append(request.uri()).append("\r\n");
    request
        .headers()
        .forEach(h -> text.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
    String auth = request.getHeader("authorization");
    if (auth != null) {
      text.append("\r\nfingerprint: ")
          .append(Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
    }
    return text.append("\r\n2026-01-01 00:00:00 ERROR forged log line").toString();
  }

  private static void answer(HttpServerRequest request, HttpServerResponse out) {
    if (request.getHeader("accept") != null
        && request.getHeader("accept").contains("event-stream")) {
      startStream(out).end(CHUNK.formatted("fine") + FINISH);
    } else {
      out.putHeader("content-type", "application/json").end(UNARY);
    }
  }

  private static HttpServerResponse startStream(HttpServerResponse out) {
    return out.setChunked(true).putHeader("content-type", "text/event-stream");
  }

  private static void streamThen(HttpServerResponse out, String last) {
    startStream(out).end(CHUNK.formatted("some content") + last + "\n\n");
  }

  private void endless(HttpServerResponse out) {
    endlessBegun.incrementAndGet();
    endlessOpen.incrementAndGet();
    out.closeHandler(v -> endlessOpen.decrementAndGet());
    startStream(out);
    pump(out);
  }

  /**
   * Writes until the socket is full, then waits for it to drain: never ends on its own. A batch at
   * a time, so a reader that keeps up does not hold the event loop.
   */
  private void pump(HttpServerResponse out) {
    for (int i = 0; i < 16 && !out.closed() && !out.writeQueueFull(); i++) {
      out.write(BULK.copy());
    }
    if (out.closed()) {
      return;
    }
    if (out.writeQueueFull()) {
      out.drainHandler(v -> pump(out));
    } else {
      vertx.setTimer(1, id -> pump(out));
    }
  }

  private static void afterFlush(HttpServerResponse out, Runnable action) {
    // Lets the first chunk leave before the connection drops.
    out.write(Buffer.buffer(": flush\n\n")).onComplete(v -> action.run());
  }
}
