package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseDecoder;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.WireException;
import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Test client for the sim: JSON requests over java.net.http, SSE parsing, and raw sockets. */
final class SimHttp {
  static final Encoding O200K =
      Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private SimHttp() {}

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A chat request with one user message; tests add fields to it. */
  static ObjectNode chat(String model, String userText) {
    ObjectNode body = Json.object().put("model", model);
    body.putArray("messages").addObject().put("role", "user").put("content", userText);
    return body;
  }

  static HttpResponse<String> post(
      SimProvider sim, String providerId, JsonNode body, String... headers)
      throws IOException, InterruptedException {
    return post(sim.baseUrl(providerId) + "/chat/completions", Json.string(body), headers);
  }

  /** POSTs with a valid bearer key unless the headers name Authorization themselves. */
  static HttpResponse<String> post(String url, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    boolean ownAuth = false;
    for (int i = 0; i < headers.length; i += 2) {
      ownAuth |= headers[i].equalsIgnoreCase("Authorization");
      request.header(headers[i], headers[i + 1]);
    }
    if (!ownAuth) {
      request.header("Authorization", "Bearer sk-test");
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String text) throws WireException {
    return Json.tree(text);
  }

  /** The data of every SSE event in a stream body, in order. */
  static List<String> events(String sse) {
    List<String> data = new ArrayList<>();
    SseDecoder decoder = new SseDecoder();
    decoder.feed(sse.getBytes(StandardCharsets.UTF_8), e -> data.add(e.data()));
    decoder.finish((SseEvent e) -> data.add(e.data()));
    return data;
  }

  /** The JSON chunks of a stream, without [DONE]. */
  static List<JsonNode> chunks(String sse) throws WireException {
    List<JsonNode> chunks = new ArrayList<>();
    for (String data : events(sse)) {
      if (!data.equals("[DONE]")) {
        chunks.add(Json.tree(data));
      }
    }
    return chunks;
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static int tokens(String text) {
    return O200K.countTokensOrdinary(text);
  }

  /** Raw HTTP/1.1 POST that returns every byte received until EOF or the read timeout. */
  static String raw(SimProvider sim, JsonNode body, Duration readTimeout, String... headers)
      throws IOException {
    try (Socket socket = open(sim, body, headers)) {
      socket.setSoTimeout((int) readTimeout.toMillis());
      return readAll(socket.getInputStream());
    }
  }

  static Socket open(SimProvider sim, JsonNode body, String... headers) throws IOException {
    Socket socket = new Socket("127.0.0.1", sim.port());
    byte[] bytes = Json.bytes(body);
    StringBuilder head = new StringBuilder("POST /raw/v1/chat/completions HTTP/1.1\r\n");
    head.append(
        "Host: 127.0.0.1\r\nAuthorization: Bearer sk-raw\r\nContent-Type: application/json\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
    return socket;
  }

  /** Reads until {@code marker} has arrived (or the timeout passes); returns what was read. */
  static String readUntil(Socket socket, String marker, Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    try {
      while (!seen.toString(StandardCharsets.UTF_8).contains(marker)) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        seen.write(b);
      }
    } catch (SocketTimeoutException e) {
      // The caller asked for whatever arrived in time.
    }
    return seen.toString(StandardCharsets.UTF_8);
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      // The caller asked for whatever arrived in time.
    }
    return all.toString(StandardCharsets.UTF_8);
  }

  /** Polls until the condition holds or 5 s pass; returns whether it held. */
  static boolean eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(new IOException("interrupted", e));
      }
    }
    return condition.getAsBoolean();
  }
}
