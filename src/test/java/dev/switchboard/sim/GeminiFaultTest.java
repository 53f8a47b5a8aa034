package dev.switchboard.sim;

import static dev.switchboard.sim.FormatHttp.contents;
import static dev.switchboard.sim.FormatHttp.gemini;
import static dev.switchboard.sim.FormatHttp.sse;
import static dev.switchboard.sim.SimHttp.json;
import static dev.switchboard.sim.SimHttp.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.SseEvent;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiFaultTest extends SimServerTest {
  private static final String MODEL = "gemini-2.0-flash";
  private static final String LONG =
      "Every field report lists the crop, the soil and the rainfall of the week. ".repeat(80);

  @Test
  void answersStatusFaults_withGoogleErrorBodies() throws Exception {
    assertError(
        gemini(sim, "google", MODEL + "+fault=status-503", false, contents("Hi")),
        503,
        "UNAVAILABLE");
    assertError(
        gemini(sim, "google", MODEL + "+fault=status-429", false, contents("Hi")),
        429,
        "RESOURCE_EXHAUSTED");
    assertError(
        gemini(sim, "google", MODEL + "%2Bfault=status-500", false, contents("Hi")),
        500,
        "INTERNAL");
    assertThat(
            gemini(sim, "google", MODEL + "+fault=status-503", false, contents("Hi"))
                .headers()
                .firstValue("retry-after"))
        .hasValue("1");
    JsonNode quota =
        json(gemini(sim, "google", MODEL + "+fault=status-429", false, contents("Hi")).body());
    assertThat(quota.at("/error/details/0/retryDelay").asText()).isEqualTo("1s");
  }

  @Test
  void finishesWithSafety_onAContentFilterFault() throws Exception {
    JsonNode body =
        json(gemini(sim, "google", MODEL + "+fault=content-filter", false, contents("Hi")).body());
    assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("SAFETY");
    assertThat(body.at("/candidates/0/safetyRatings/0/blocked").asBoolean()).isTrue();

    List<SseEvent> events =
        sse(gemini(sim, "google", MODEL + "+fault=content-filter", true, contents("Hi")).body());
    assertThat(json(events.getLast().data()).at("/candidates/0/finishReason").asText())
        .isEqualTo("SAFETY");
  }

  @Test
  void cutsTheStream_beforeAnyFinishReason() throws Exception {
    for (String fault : List.of("disconnect-mid-stream", "no-terminal")) {
      String body;
      try {
        body =
            gemini(sim, "google", MODEL + "+fault=" + fault, true, contents("Tell me more")).body();
      } catch (IOException cut) {
        continue;
      }
      assertThat(sse(body)).as(fault).isNotEmpty();
      for (SseEvent event : sse(body)) {
        assertThat(json(event.data()).at("/candidates/0/finishReason").isMissingNode())
            .as(fault)
            .isTrue();
      }
    }
  }

  @Test
  void sendsAnErrorObject_midStream() throws Exception {
    List<SseEvent> events =
        sse(
            gemini(sim, "google", MODEL + "+fault=error-in-stream", true, contents("Tell me"))
                .body());

    JsonNode error = json(events.getLast().data());
    assertThat(error.at("/error/code").asInt()).isEqualTo(500);
    assertThat(error.at("/error/status").asText()).isEqualTo("INTERNAL");
    assertThat(events.subList(0, events.size() - 1))
        .allSatisfy(e -> assertThat(e.data()).contains("\"candidates\""));
  }

  @Test
  void playsAMalformedEvent_evenInASingleChunkStream() throws Exception {
    ObjectNode call = contents("What's the weather in Paris?");
    call.putArray("tools")
        .addObject()
        .putArray("functionDeclarations")
        .add(json(FormatHttp.WEATHER_DECLARATION));

    String malformed = gemini(sim, "google", MODEL + "+fault=malformed-event", true, call).body();
    List<SseEvent> clean = sse(gemini(sim, "google", MODEL, true, call).body());

    assertThat(clean).hasSize(1);
    assertThat(malformed).contains("data: {not json\n\n").contains("\"finishReason\":\"STOP\"");
  }

  @Test
  void reportsImplicitCacheHits_asCachedContentTokenCount() throws Exception {
    ObjectNode first = conversation("First question");
    ObjectNode second = conversation("Second question");

    JsonNode before = json(gemini(sim, "google", MODEL, false, first).body()).path("usageMetadata");
    JsonNode after = json(gemini(sim, "google", MODEL, false, second).body()).path("usageMetadata");

    int system = tokens(LONG);
    assertThat(before.has("cachedContentTokenCount")).isFalse();
    assertThat(after.path("cachedContentTokenCount").asInt()).isEqualTo(system);
    assertThat(after.path("promptTokenCount").asInt())
        .as("the prompt count includes the cached part")
        .isEqualTo(3 + system + 4 + tokens("Second question"));
  }

  private static ObjectNode conversation(String question) {
    ObjectNode request = contents(question);
    request.putObject("systemInstruction").putArray("parts").addObject().put("text", LONG);
    return request;
  }

  private static void assertError(HttpResponse<String> response, int code, String status)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(code);
    JsonNode error = json(response.body()).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(code);
    assertThat(error.path("status").asText()).isEqualTo(status);
    assertThat(error.path("message").asText()).isNotBlank();
  }
}
