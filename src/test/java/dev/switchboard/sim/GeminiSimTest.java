package dev.switchboard.sim;

import static dev.switchboard.sim.FormatHttp.WEATHER_DECLARATION;
import static dev.switchboard.sim.FormatHttp.contents;
import static dev.switchboard.sim.FormatHttp.gemini;
import static dev.switchboard.sim.FormatHttp.sse;
import static dev.switchboard.sim.SimHttp.fieldNames;
import static dev.switchboard.sim.SimHttp.json;
import static dev.switchboard.sim.SimHttp.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.SseEvent;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiSimTest extends SimServerTest {
  private static final String MODEL = "gemini-2.0-flash";

  @Test
  void answersGenerateContent_inTheDocumentedShape() throws Exception {
    HttpResponse<String> response = gemini(sim, "google", MODEL, false, contents("Hello"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response.body());
    assertThat(fieldNames(body))
        .containsExactly("candidates", "usageMetadata", "modelVersion", "responseId");
    JsonNode candidate = body.path("candidates").get(0);
    assertThat(candidate.at("/content/role").asText()).isEqualTo("model");
    assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
    assertThat(candidate.path("index").asInt()).isZero();
    String text = candidate.at("/content/parts/0/text").asText();
    JsonNode usage = body.path("usageMetadata");
    assertThat(usage.path("promptTokenCount").asInt()).isEqualTo(3 + 4 + tokens("Hello"));
    assertThat(usage.path("candidatesTokenCount").asInt()).isEqualTo(tokens(text));
    assertThat(usage.path("totalTokenCount").asInt())
        .isEqualTo(usage.path("promptTokenCount").asInt() + tokens(text));
    assertThat(usage.has("thoughtsTokenCount")).isFalse();
    assertThat(body.path("modelVersion").asText()).isEqualTo(MODEL);
  }

  @Test
  void streamsDataOnlyChunks_eachWithUsage_theLastWithFinishReason() throws Exception {
    ObjectNode request = contents("Tell me about rivers");
    String unary =
        json(gemini(sim, "google", MODEL, false, request).body())
            .at("/candidates/0/content/parts/0/text")
            .asText();
    HttpResponse<String> response = gemini(sim, "google", MODEL, true, request);

    List<SseEvent> events = sse(response.body());
    assertThat(events).hasSizeGreaterThan(2);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < events.size(); i++) {
      SseEvent event = events.get(i);
      assertThat(event.event()).as("data-only events").isEmpty();
      JsonNode chunk = json(event.data());
      assertThat(chunk.has("usageMetadata")).isTrue();
      assertThat(chunk.at("/candidates/0/finishReason").isMissingNode())
          .as("only the last chunk finishes")
          .isEqualTo(i < events.size() - 1);
      text.append(chunk.at("/candidates/0/content/parts/0/text").asText());
    }
    assertThat(text.toString()).isEqualTo(unary);
    assertThat(response.body()).doesNotContain("[DONE]");
    JsonNode last = json(events.getLast().data());
    assertThat(last.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(tokens(unary));
  }

  @Test
  void callsAFunction_andAnswersItsResponse_inWords() throws Exception {
    ObjectNode request = contents("What's the weather in Paris?");
    request
        .putArray("tools")
        .addObject()
        .putArray("functionDeclarations")
        .add(json(WEATHER_DECLARATION));

    JsonNode call =
        json(gemini(sim, "google", MODEL, false, request).body())
            .at("/candidates/0/content/parts/0/functionCall");
    assertThat(call.path("name").asText()).isEqualTo("get_weather");
    assertThat(call.at("/args/city").isTextual()).isTrue();
    JsonNode streamed =
        json(sse(gemini(sim, "google", MODEL, true, request).body()).getFirst().data());
    assertThat(streamed.at("/candidates/0/content/parts/0/functionCall/name").asText())
        .isEqualTo("get_weather");

    request
        .withArray("contents")
        .addObject()
        .put("role", "model")
        .putArray("parts")
        .addObject()
        .set("functionCall", call);
    ObjectNode response = request.withArray("contents").addObject().put("role", "user");
    response
        .putArray("parts")
        .addObject()
        .putObject("functionResponse")
        .put("name", "get_weather")
        .putObject("response")
        .put("temperature", "21C");
    JsonNode answer = json(gemini(sim, "google", MODEL, false, request).body());
    assertThat(answer.at("/candidates/0/content/parts/0/text").asText())
        .startsWith("The get_weather tool returned \"{\"temperature\":\"21C\"}\".");

    ((ObjectNode) response.withArray("parts").get(0).path("functionResponse"))
        .putObject("response")
        .put("error", "no such city");
    JsonNode failed = json(gemini(sim, "google", MODEL, false, request).body());
    assertThat(failed.at("/candidates/0/content/parts/0/text").asText())
        .startsWith("The get_weather tool failed with");
  }

  @Test
  void showsThoughts_withASignature_onlyWithIncludeThoughts() throws Exception {
    ObjectNode request = contents("Why is the sky blue?");
    request.putObject("generationConfig").putObject("thinkingConfig").put("includeThoughts", true);

    JsonNode body = json(gemini(sim, "google", "gemini-2.5-flash", false, request).body());
    JsonNode parts = body.at("/candidates/0/content/parts");
    assertThat(parts.get(0).path("thought").asBoolean()).isTrue();
    assertThat(parts.get(1).path("thoughtSignature").asText()).matches("[A-Za-z0-9+/]{300,}={0,2}");
    int thoughts = body.at("/usageMetadata/thoughtsTokenCount").asInt();
    assertThat(thoughts).isEqualTo(tokens(parts.get(0).path("text").asText()));
    assertThat(body.at("/usageMetadata/candidatesTokenCount").asInt())
        .isEqualTo(tokens(parts.get(1).path("text").asText()));

    List<JsonNode> chunks = new ArrayList<>();
    for (SseEvent event : sse(gemini(sim, "google", "gemini-2.5-flash", true, request).body())) {
      chunks.add(json(event.data()));
    }
    assertThat(chunks.getFirst().at("/candidates/0/content/parts/0/thought").asBoolean()).isTrue();
    assertThat(chunks.getLast().at("/usageMetadata/thoughtsTokenCount").asInt()).isPositive();

    ObjectNode hidden = contents("Why is the sky blue?");
    JsonNode quiet = json(gemini(sim, "google", "gemini-2.5-flash", false, hidden).body());
    assertThat(quiet.at("/candidates/0/content/parts")).hasSize(1);
    assertThat(quiet.at("/usageMetadata/thoughtsTokenCount").asInt())
        .as("2.5 models think by default, unseen")
        .isPositive();
    hidden.putObject("generationConfig").putObject("thinkingConfig").put("thinkingBudget", 0);
    JsonNode none = json(gemini(sim, "google", "gemini-2.5-flash", false, hidden).body());
    assertThat(none.at("/usageMetadata").has("thoughtsTokenCount")).isFalse();
  }

  @Test
  void honoursMaxOutputTokens_andJsonSchemasInOpenApiCase() throws Exception {
    ObjectNode cut = contents("Tell me a story");
    cut.putObject("generationConfig").put("maxOutputTokens", 4);
    JsonNode cutBody = json(gemini(sim, "google", MODEL, false, cut).body());
    assertThat(cutBody.at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
    assertThat(cutBody.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(4);

    ObjectNode structured = contents("Describe a city");
    ObjectNode config =
        structured.putObject("generationConfig").put("responseMimeType", "application/json");
    config.set(
        "responseSchema",
        json(
            """
        {"type":"OBJECT","properties":{"name":{"type":"STRING"},"size":{"type":"INTEGER"}},
         "required":["name","size"]}"""));
    JsonNode answer =
        json(
            json(gemini(sim, "google", MODEL, false, structured).body())
                .at("/candidates/0/content/parts/0/text")
                .asText());
    assertThat(answer.path("name").isTextual()).isTrue();
    assertThat(answer.path("size").isIntegralNumber()).isTrue();
  }

  @Test
  void takesTheKey_fromTheQueryToo_andRefusesACallWithoutOne() throws Exception {
    String url = sim.baseUrl("google") + "/models/" + MODEL + ":generateContent";
    assertThat(FormatHttp.geminiAt(url + "?key=g-key", contents("Hi")).statusCode()).isEqualTo(200);
    assertThat(
            FormatHttp.geminiAt(
                    url.replace("/v1/", "/v1beta/"), contents("Hi"), "x-goog-api-key", "k")
                .statusCode())
        .isEqualTo(200);

    HttpResponse<String> denied = FormatHttp.geminiAt(url, contents("Hi"));
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(json(denied.body()).at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");
    HttpResponse<String> noSse =
        FormatHttp.geminiAt(
            url.replace(":generateContent", ":streamGenerateContent"),
            contents("Hi"),
            "x-goog-api-key",
            "k");
    assertThat(noSse.statusCode()).isEqualTo(400);
    assertThat(json(noSse.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void countsTokens() throws Exception {
    String url = sim.baseUrl("google") + "/models/" + MODEL + ":countTokens";
    HttpResponse<String> response =
        FormatHttp.geminiAt(url, contents("Hello"), "x-goog-api-key", "k");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response.body()).path("totalTokens").asInt())
        .isEqualTo(3 + 4 + tokens("Hello"));
  }
}
