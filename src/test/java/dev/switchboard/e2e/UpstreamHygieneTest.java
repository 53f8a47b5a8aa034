package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.Config;
import dev.switchboard.wire.Json;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upstream URLs and keys come only from configuration: a request that tries to set one is refused
 * with a 400 naming the field, real clients' requests pass, and a provider's redirect is never
 * followed.
 */
class UpstreamHygieneTest {
  private static final List<Integer> REDIRECTS = List.of(301, 302, 303, 307, 308);

  /** What a client may not send: Vert.x and the JDK client would set a restricted header. */
  private static final Set<String> RESTRICTED =
      Set.of("host", "connection", "content-length", "accept-encoding", "authorization");

  private static Vertx vertx;
  private static FakeProvider fake;
  private static RedirectingProvider redirecting;
  private static TestGateway gateway;
  private static String key;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    fake = FakeProvider.start(vertx);
    redirecting = RedirectingProvider.start(vertx);
    // Claude Code's recorded requests carry tools: the model must support them to be routed.
    StringBuilder models =
        new StringBuilder("models:\n")
            .append(
                TestGateway.model("hyg/ok")
                    .replace("supported_parameters: []", "supported_parameters: [tools]")
                    .replace("context_length: 8192", "context_length: 200000"));
    StringBuilder providers =
        new StringBuilder("providers:\n").append(TestGateway.provider("hyg-fake", fake.baseUrl()));
    StringBuilder deployments =
        new StringBuilder("deployments:\n")
            .append(TestGateway.deployment("hyg/ok", "hyg-fake", "ok", 1));
    for (int status : REDIRECTS) {
      models.append(TestGateway.model("hyg/redirect-" + status));
      providers.append(TestGateway.provider("hyg-redirect-" + status, redirecting.baseUrl(status)));
      deployments.append(
          TestGateway.deployment("hyg/redirect-" + status, "hyg-redirect-" + status, "ok", 1));
    }
    gateway =
        TestGateway.start(
            new Config.Server("127.0.0.1", 0, 256 * 1024, Duration.ofMillis(200)),
            new Config.Upstream(Duration.ofSeconds(2), Duration.ofSeconds(2), 8),
            models.append(providers).append(deployments).toString());
    key = gateway.gateway.keys().create("hygiene", OptionalLong.empty()).secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    redirecting.close();
    fake.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void theSameRequestWithoutAnOverride_isAnswered() {
    for (boolean stream : List.of(false, true)) {
      assertThat(chat(GatewayHarness.body("hyg/ok", stream, "")).statusCode()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "api_base",
        "base_url",
        "api_key",
        "apiKey",
        "callback_url",
        "callbacks",
        "webhook_url",
        "extra_headers",
        "provider.base_url",
        "provider.api_key",
        "provider.url"
      })
  void aBodyFieldThatSetsAnUpstream_isRefusedWith400NamingIt(String field) {
    String extra =
        field.startsWith("provider.")
            ? ",\"provider\":{\"" + field.substring(9) + "\":\"http://127.0.0.1:9/steal\"}"
            : ",\"" + field + "\":\"http://127.0.0.1:9/steal\"";
    for (boolean stream : List.of(false, true)) {
      HttpResponse<String> response = chat(GatewayHarness.body("hyg/ok", stream, extra));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      JsonNode error = GatewayHarness.json(response.body()).get("error");
      assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.get("param").asText()).isEqualTo(field);
      assertThat(response.headers().firstValue("x-generation-id"))
          .as("refused before anything ran")
          .isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"x-upstream-url", "x-base-url", "x-provider-key", "x-upstream-key"})
  void aHeaderThatSetsAnUpstream_isRefusedWith400NamingIt(String header) {
    HttpResponse<String> response =
        send(
            post("/v1/chat/completions", GatewayHarness.body("hyg/ok", false, ""))
                .header(header, "http://127.0.0.1:9/steal")
                .build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(GatewayHarness.json(response.body()).at("/error/param").asText()).isEqualTo(header);
  }

  @Test
  void anAnthropicClientsOverride_isRefusedInAnthropicsShape() {
    String body =
        "{\"model\":\"hyg/ok\",\"max_tokens\":50,\"api_key\":\"sk-mine\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    HttpResponse<String> response = send(post("/v1/messages", body).build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode root = GatewayHarness.json(response.body());
    assertThat(root.get("type").asText()).isEqualTo("error");
    assertThat(root.at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(root.at("/error/message").asText()).contains("'api_key'");
  }

  @Test
  void aRecordedClaudeCodeRequest_withAllItsHeaders_isAnswered() throws IOException {
    ObjectNode body = (ObjectNode) GatewayHarness.json(resource("request-1.json")).deepCopy();
    body.put("model", "hyg/ok");
    HttpRequest.Builder request = post("/v1/messages?beta=true", Json.string(body));
    for (String line : resource("request-1.headers").split("\r?\n")) {
      int colon = line.indexOf(':');
      String name = colon > 0 ? line.substring(0, colon).trim() : "";
      if (!name.isEmpty()
          && !name.contains(" ")
          && !RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        request.setHeader(name, line.substring(colon + 1).trim());
      }
    }

    HttpResponse<String> response = send(request.build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("message_stop");
  }

  @Test
  void aProvidersRedirect_isNeverFollowed() {
    for (int status : REDIRECTS) {
      for (boolean stream : List.of(false, true)) {
        HttpResponse<String> response =
            chat(GatewayHarness.body("hyg/redirect-" + status, stream, ""));

        assertThat(response.statusCode()).as("HTTP %d: %s", status, response.body()).isEqualTo(502);
        assertThat(response.body()).contains("hyg-redirect-" + status).doesNotContain("followed");
      }
    }
    assertThat(redirecting.targetHits).as("requests that reached the redirect target").isEmpty();
  }

  private static HttpResponse<String> chat(String body) {
    return send(post("/v1/chat/completions", body).build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return gateway.http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(gateway.uri(path))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(20));
  }

  private static String resource(String file) throws IOException {
    try (InputStream in =
        UpstreamHygieneTest.class.getResourceAsStream("/wire/claude-code/" + file)) {
      assertThat(in).as(file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
