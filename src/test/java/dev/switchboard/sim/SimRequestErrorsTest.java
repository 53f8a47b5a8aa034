package dev.switchboard.sim;

import static dev.switchboard.sim.SimHttp.json;
import static dev.switchboard.sim.SimHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimRequestErrorsTest extends SimServerTest {
  private static final String VALID =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static String url;

  @BeforeAll
  static void resolveUrl() {
    url = sim.baseUrl("openai") + "/chat/completions";
  }

  @Test
  void rejectsWith401_whenTheBearerKeyIsMissingOrBlank() throws Exception {
    for (String authorization : new String[] {"", "Bearer ", "Bearer   ", "Basic abc"}) {
      HttpResponse<String> response = post(url, VALID, "Authorization", authorization);

      assertThat(response.statusCode()).as(authorization).isEqualTo(401);
      assertThat(json(response.body()).path("error").path("code").asText())
          .isEqualTo("invalid_api_key");
      assertOpenAiError(response.body(), "invalid_request_error");
    }
  }

  @Test
  void rejectsWith400_whenTheBodyIsNotAChatRequest() throws Exception {
    String[] bodies = {
      "{not json",
      "[1,2]",
      "",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
      "{\"model\":\"gpt-4o\"}",
      "{\"model\":\"gpt-4o\",\"messages\":[]}",
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":0}"
    };
    for (String body : bodies) {
      HttpResponse<String> response = post(url, body);

      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertOpenAiError(response.body(), "invalid_request_error");
    }
    assertThat(
            json(post(url, "{\"model\":\"gpt-4o\"}").body()).path("error").path("param").asText())
        .isEqualTo("messages");
  }

  @Test
  void rejectsWith404_anyOtherRoute() throws Exception {
    String base = "http://127.0.0.1:" + sim.port();
    for (String path :
        new String[] {"/openai/v1/completions", "/a/b/v1/chat/completions", "/v1/models", "/"}) {
      HttpResponse<String> response = post(base + path, VALID);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertOpenAiError(response.body(), "invalid_request_error");
      assertThat(json(response.body()).path("error").path("message").asText())
          .isEqualTo("Invalid URL (POST " + path + ")");
    }
    HttpResponse<String> get =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(404);
  }

  private static void assertOpenAiError(String body, String type) throws Exception {
    JsonNode error = json(body).path("error");
    assertThat(SimHttp.fieldNames(error)).containsExactly("message", "type", "param", "code");
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.path("type").asText()).isEqualTo(type);
  }
}
