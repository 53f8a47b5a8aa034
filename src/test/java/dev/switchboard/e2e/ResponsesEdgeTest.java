package dev.switchboard.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseDecoder;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.WireException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What Codex does that SDKs do not: it may open a WebSocket on /v1/responses first, and its real
 * request (captured from {@code codex exec}, src/test/resources/wire/responses/codex-exec) carries
 * namespace tools, a hosted web_search tool, developer messages and its own headers.
 */
class ResponsesEdgeTest {
  private static final List<String> MODELS = ResponsesSdk.MODELS;
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void aWebSocketUpgrade_getsA426AtOnce_andAPlainGetA405() {
    try (RawHttp http = RawHttp.connect(harness.gateway.port())) {
      RawHttp.Response upgrade =
          http.send(
                  RawHttp.head(
                      "GET /v1/responses HTTP/1.1",
                      "Upgrade",
                      "websocket",
                      "Connection",
                      "Upgrade",
                      "Sec-WebSocket-Version",
                      "13",
                      "Sec-WebSocket-Key",
                      "dGhlIHNhbXBsZSBub25jZQ==",
                      "Authorization",
                      "Bearer " + harness.key))
              .response();
      assertThat(upgrade.status()).isEqualTo(426);
      assertThat(upgrade.body()).contains("WebSocket is not supported").contains("POST");
    }
    HttpResponse<String> get =
        harness.send(
            HttpRequest.newBuilder(harness.uri("/v1/responses"))
                .header("authorization", "Bearer " + harness.key)
                .GET()
                .build());
    assertThat(get.statusCode()).isEqualTo(405);
  }

  @ParameterizedTest
  @FieldSource("MODELS")
  void codexsCapturedRequest_streamsToTheEnd(String model) throws WireException {
    ObjectNode body =
        (ObjectNode) Json.tree(Fixtures.bytes("responses", "codex-exec", "client-request.json"));
    body.put("model", model);
    HttpRequest.Builder request = harness.post("/v1/responses", Json.string(body));
    codexHeaders().forEach(header -> request.header(header[0], header[1]));
    HttpResponse<String> response = harness.send(request.build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> events = events(response.body());
    assertThat(events.getFirst().path("type").asText()).isEqualTo("response.created");
    JsonNode last = events.getLast();
    assertThat(last.path("type").asText()).isEqualTo("response.completed");
    assertThat(last.path("response").path("output")).isNotEmpty();
    assertThat(last.path("response").path("usage").path("input_tokens").asLong())
        .as("Codex's 40 kB prompt is counted")
        .isGreaterThan(3_000);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).path("sequence_number").asInt()).isEqualTo(i);
    }
  }

  /** Unstreamed, the answer names what the provider could not be offered (before any byte). */
  @Test
  void codexsCapturedRequest_namesTheHostedToolItDropped() throws WireException {
    ObjectNode body =
        (ObjectNode) Json.tree(Fixtures.bytes("responses", "codex-exec", "client-request.json"));
    body.put("model", ResponsesSdk.OPENAI_FORMAT).put("stream", false);
    HttpResponse<String> response =
        harness.send(harness.post("/v1/responses", Json.string(body)).build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-switchboard-dropped"))
        .hasValueSatisfying(dropped -> assertThat(dropped).contains("tools.web_search"));
    JsonNode answer = Json.tree(response.body());
    assertThat(answer.path("object").asText()).isEqualTo("response");
    assertThat(answer.path("status").asText()).isEqualTo("completed");
  }

  /** The headers Codex sent with it, less the host, length and credentials. */
  private static List<String[]> codexHeaders() {
    List<String[]> headers = new ArrayList<>();
    String text =
        new String(Fixtures.bytes("responses", "codex-exec", "client-request.headers"), UTF_8);
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).strip();
      if (!List.of("content-type", "accept-encoding", "connection").contains(name)) {
        headers.add(new String[] {name, line.substring(colon + 1).strip()});
      }
    }
    return headers;
  }

  private static List<JsonNode> events(String sse) throws WireException {
    List<JsonNode> events = new ArrayList<>();
    List<SseEvent> frames = new ArrayList<>();
    new SseDecoder().feed(sse.getBytes(UTF_8), frames::add);
    for (SseEvent frame : frames) {
      events.add(Json.tree(frame.data()));
    }
    return events;
  }
}
