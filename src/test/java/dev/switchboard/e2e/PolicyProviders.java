package dev.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recording OpenAI-compatible providers for the policy tests: one server, each provider under its
 * own path ({@code /<provider>/v1}). Every request a provider receives is kept with its body, so a
 * test asserts on what each provider actually got. A request fails as its own text scripts it:
 * {@code [[fail:<provider>:<status>]]} fails it at that provider every time, {@code
 * [[once:<provider>:<status>]]} the first time only (429s carry Retry-After: 1). A request is told
 * apart by its nonce, {@code [[n:<letters>]]}.
 */
final class PolicyProviders implements AutoCloseable {
  /** What one provider received. */
  record Received(
      String provider,
      String upstreamModel,
      String nonce,
      String body,
      Map<String, String> headers) {}

  private static final Pattern NONCE = Pattern.compile("\\[\\[n:([a-z]+)]]");
  private static final Pattern SCRIPT = Pattern.compile("\\[\\[(fail|once):([a-z-]+):(\\d{3})]]");
  private static final String CHUNK =
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"fine\"},\"finish_reason\":null}]}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,"
          + "\"total_tokens\":10}}\n\ndata: [DONE]\n\n";
  private static final String UNARY =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":"
          + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"fine\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,"
          + "\"total_tokens\":10}}";

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
  private final HttpServer server;

  private PolicyProviders(HttpServer server) {
    this.server = server;
  }

  static PolicyProviders start(Vertx vertx) {
    PolicyProviders[] self = new PolicyProviders[1];
    HttpServer server = vertx.createHttpServer().requestHandler(r -> self[0].handle(r));
    self[0] = new PolicyProviders(server);
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    return self[0];
  }

  /** The base URL of provider {@code id}. */
  String baseUrl(String id) {
    return "http://127.0.0.1:" + server.actualPort() + "/" + id + "/v1";
  }

  /** What the request of {@code nonce} reached, in order: "provider/upstream_model". */
  List<String> reached(String nonce) {
    return received.stream()
        .filter(r -> r.nonce().equals(nonce))
        .map(r -> r.provider() + "/" + r.upstreamModel())
        .toList();
  }

  /** The providers the request of {@code nonce} reached, in order. */
  List<String> providers(String nonce) {
    return received.stream().filter(r -> r.nonce().equals(nonce)).map(Received::provider).toList();
  }

  /** The providers any body containing {@code text} reached. */
  Set<String> providersThatSaw(String text) {
    Set<String> out = new java.util.TreeSet<>();
    for (Received r : received) {
      if (r.body().contains(text)) {
        out.add(r.provider());
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.close().toCompletionStage().toCompletableFuture().join();
  }

  private void handle(HttpServerRequest request) {
    request
        .body()
        .onSuccess(
            buffer -> {
              String body = buffer.toString();
              String path = request.path();
              String provider = path.substring(1, Math.max(1, path.indexOf('/', 1)));
              String model = "";
              boolean stream = false;
              try {
                JsonNode tree = Json.tree(buffer.getBytes());
                model = tree.path("model").asText();
                stream = tree.path("stream").asBoolean(false);
              } catch (WireException e) {
                // recorded as received; answered below all the same
              }
              Matcher n = NONCE.matcher(body);
              String nonce = n.find() ? n.group(1) : "";
              Map<String, String> headers = new java.util.TreeMap<>();
              request
                  .headers()
                  .forEach(
                      h ->
                          headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
              received.add(new Received(provider, model, nonce, body, headers));
              answer(request.response(), provider, nonce, body, stream);
            });
  }

  private void answer(
      HttpServerResponse out, String provider, String nonce, String body, boolean stream) {
    Matcher script = SCRIPT.matcher(body);
    while (script.find()) {
      if (!script.group(2).equals(provider)) {
        continue;
      }
      boolean once = script.group(1).equals("once");
      if (once && !failedOnce.add(nonce + "/" + provider + "/" + script.group(3))) {
        continue;
      }
      int status = Integer.parseInt(script.group(3));
      out.setStatusCode(status).putHeader("content-type", "application/json");
      if (status == 429) {
        out.putHeader("retry-after", "1");
      }
      out.end("{\"error\":{\"message\":\"scripted\",\"type\":\"server_error\"}}");
      return;
    }
    if (stream) {
      out.setChunked(true).putHeader("content-type", "text/event-stream").end(CHUNK);
    } else {
      out.putHeader("content-type", "application/json").end(UNARY);
    }
  }
}
