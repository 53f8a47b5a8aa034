package dev.switchboard.sim;

import static dev.switchboard.sim.FormatHttp.anthropic;
import static dev.switchboard.sim.FormatHttp.messages;
import static dev.switchboard.sim.FormatHttp.named;
import static dev.switchboard.sim.FormatHttp.names;
import static dev.switchboard.sim.FormatHttp.sse;
import static dev.switchboard.sim.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicFaultTest extends SimServerTest {

  @Test
  void answersStatusFaults_withAnthropicErrorTypes() throws Exception {
    assertError(fault("status-529"), 529, "overloaded_error", "Overloaded");
    assertError(fault("status-429"), 429, "rate_limit_error", null);
    assertError(fault("status-500"), 500, "api_error", "Internal server error");
    assertError(fault("status-401"), 401, "authentication_error", null);
    assertThat(fault("status-529").headers().firstValue("retry-after")).hasValue("1");
    assertThat(fault("status-529").headers().firstValue("x-should-retry")).hasValue("true");
    assertThat(fault("status-400").headers().firstValue("x-should-retry")).hasValue("false");
  }

  @Test
  void takesTheFault_fromTheModelNameToo() throws Exception {
    HttpResponse<String> response =
        anthropic(sim, "anthropic", messages("claude-sonnet-4-6+fault=status-529", "Hi"));
    assertError(response, 529, "overloaded_error", "Overloaded");
  }

  @Test
  void sendsAnErrorEvent_midStream_andNoMessageStop() throws Exception {
    List<String> names = names(sse(streamed("error-in-stream").body()));

    assertThat(names).startsWith("message_start", "content_block_start", "ping");
    assertThat(names.getLast()).isEqualTo("error");
    assertThat(names).doesNotContain("message_stop", "message_delta");
    JsonNode error = named(sse(streamed("error-in-stream").body()), "error").getFirst();
    assertThat(error.path("type").asText()).isEqualTo("error");
    assertThat(error.at("/error/type").asText()).isEqualTo("overloaded_error");
  }

  @Test
  void cutsTheStream_withoutMessageStop() throws Exception {
    for (String fault : List.of("disconnect-mid-stream", "no-terminal")) {
      String body;
      try {
        body = streamed(fault).body();
      } catch (java.io.IOException cut) {
        // The JDK client may report the closed chunked body as an error: also a cut stream.
        continue;
      }
      List<String> names = names(sse(body));
      assertThat(names).as(fault).contains("message_start").doesNotContain("message_stop");
    }
  }

  @Test
  void stopsWithRefusal_onAContentFilterFault() throws Exception {
    JsonNode message = json(fault("content-filter").body());
    assertThat(message.path("stop_reason").asText()).isEqualTo("refusal");

    List<JsonNode> deltas = named(sse(streamed("content-filter").body()), "message_delta");
    assertThat(deltas.getFirst().at("/delta/stop_reason").asText()).isEqualTo("refusal");
  }

  @Test
  void leavesUsageOut_andWritesAMalformedEvent_onRequest() throws Exception {
    assertThat(json(fault("no-usage").body()).has("usage")).isFalse();
    String malformed = streamed("malformed-event").body();
    assertThat(malformed).contains("event: content_block_delta\ndata: {not json\n\n");
  }

  @Test
  void refusesBadRequests_inAnthropicWords() throws Exception {
    ObjectNode noMax = messages("claude-sonnet-4-6", "Hi");
    noMax.remove("max_tokens");
    assertError(
        anthropic(sim, "anthropic", noMax),
        400,
        "invalid_request_error",
        "max_tokens: Field required");
    ObjectNode budget = messages("claude-sonnet-4-6", "Hi");
    budget.putObject("thinking").put("type", "enabled").put("budget_tokens", 2048);
    assertError(
        anthropic(sim, "anthropic", budget),
        400,
        "invalid_request_error",
        "`max_tokens` must be greater than `thinking.budget_tokens`.");
    String url = sim.baseUrl("anthropic") + "/messages";
    String body = Json.string(messages("claude-sonnet-4-6", "Hi"));
    assertError(
        SimHttp.post(url, body, "anthropic-version", "2023-06-01"),
        401,
        "authentication_error",
        "x-api-key header is required");
    assertError(
        SimHttp.post(url, body, "x-api-key", "k"),
        400,
        "invalid_request_error",
        "anthropic-version: header is required");
  }

  private static HttpResponse<String> fault(String spec) throws Exception {
    return anthropic(sim, "anthropic", messages("claude-sonnet-4-6", "Hi"), "x-sim-fault", spec);
  }

  private static HttpResponse<String> streamed(String spec) throws Exception {
    ObjectNode request = messages("claude-sonnet-4-6", "Tell me about rivers").put("stream", true);
    return anthropic(sim, "anthropic", request, "x-sim-fault", spec);
  }

  private static void assertError(
      HttpResponse<String> response, int status, String type, String message) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode body = json(response.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.at("/error/type").asText()).isEqualTo(type);
    assertThat(body.at("/error/message").asText()).isNotBlank();
    if (message != null) {
      assertThat(body.at("/error/message").asText()).isEqualTo(message);
    }
  }
}
