package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge is format-driven: each registered format brings its chat routes, and every error the
 * edge produces is in the format of the route asked, or of the nearest one for an unknown path. A
 * throwaway format beside OpenAI shows which was chosen.
 */
class EdgeFormatsTest {
  private static final WireFormat TEST = TestFormats.named("test", List.of("/test/v1/messages"));
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String CHAT =
      "{\"model\":\"deepseek/deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static EdgeHarness edge;
  private static String key;

  @BeforeAll
  static void start() throws Exception {
    edge = new EdgeHarness(List.of(WireFormats.find("openai").orElseThrow(), TEST));
    key = edge.key("edge");
  }

  @AfterAll
  static void stop() {
    edge.close();
  }

  @Test
  void aFormatsChatRoute_answersItsOwnErrors() throws Exception {
    assertTestError(send(post("/test/v1/messages", CHAT)), 401);
    assertTestError(send(request("/test/v1/messages").GET()), 405);
    String tooLarge = "{\"pad\":\"" + "x".repeat(1 << 20) + "\"}";
    // Expect: 100-continue, as careful clients send a large body: the 413 comes before the body, so
    // the answer cannot be lost to a reset while the client is still writing.
    assertTestError(
        send(post("/test/v1/messages", tooLarge).header("x-api-key", key).expectContinue(true)),
        413);
    assertTestError(send(post("/test/v1/messages", "{").header("x-api-key", key)), 400);
    assertTestError(
        send(post("/test/v1/messages", CHAT).header("x-big", "h".repeat(64 * 1024))), 431);
  }

  @Test
  void anUnknownPath_answersInTheFormatOfTheNearestRoute_elseTheFirst() throws Exception {
    assertTestError(send(request("/test/v1/messages/xyz").GET()), 404);
    assertTestError(send(request("/test/other").GET()), 404);
    assertOpenAiError(send(request("/nowhere").GET()), 404);
    assertOpenAiError(send(request("/v1/nothing/here").GET()), 404);
    assertOpenAiError(send(post("/v1/chat/completions", CHAT)), 401);
  }

  @Test
  void aChatRouteOfEachFormat_servesChat_withTheCredentialsItsClientsSend() throws Exception {
    HttpResponse<String> test = send(post("/test/v1/messages", CHAT).header("x-api-key", key));
    assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
    assertThat(test.headers().firstValue("x-generation-id")).isPresent();
    HttpResponse<String> google = send(post("/v1/chat/completions?key=" + key, CHAT));
    assertThat(google.statusCode()).as(google.body()).isEqualTo(200);
    HttpResponse<String> openRouter =
        send(post("/api/v1/chat/completions", CHAT).header("x-goog-api-key", key));
    assertThat(openRouter.statusCode()).as(openRouter.body()).isEqualTo(200);
  }

  @Test
  void twoDifferentKeys_areRefused_asAmbiguous() throws Exception {
    HttpResponse<String> response =
        send(
            post("/test/v1/messages", CHAT)
                .header("x-api-key", key)
                .header("authorization", "Bearer " + edge.key("another")));
    JsonNode error = assertTestError(response, 400);
    assertThat(error.get("message").asText()).contains("ambiguous");
  }

  private static JsonNode assertTestError(HttpResponse<String> response, int status)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = Json.tree(response.body());
    assertThat(body.path("type").asText()).as(response.body()).isEqualTo("error");
    assertThat(body.path("error").path("message").asText()).isNotBlank();
    return body.get("error");
  }

  private static void assertOpenAiError(HttpResponse<String> response, int status)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = Json.tree(response.body());
    assertThat(body.has("type")).as(response.body()).isFalse();
    assertThat(body.path("error").path("message").asText()).isNotBlank();
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.gateway.port() + path))
        .timeout(Duration.ofSeconds(60));
  }

  private static HttpRequest.Builder post(String path, String body) {
    return request(path)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
