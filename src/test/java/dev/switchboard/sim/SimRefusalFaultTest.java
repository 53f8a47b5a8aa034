package dev.switchboard.sim;

import static dev.switchboard.sim.FormatHttp.anthropic;
import static dev.switchboard.sim.FormatHttp.contents;
import static dev.switchboard.sim.FormatHttp.gemini;
import static dev.switchboard.sim.FormatHttp.messages;
import static dev.switchboard.sim.SimHttp.chat;
import static dev.switchboard.sim.SimHttp.json;
import static dev.switchboard.sim.SimHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The context-length and content-policy faults: each format's own 400, in its own words. */
class SimRefusalFaultTest extends SimServerTest {
  @Test
  void parsesBothSpecs() {
    assertThat(Fault.parse("context-length")).isInstanceOf(Fault.ContextLength.class);
    assertThat(Fault.parse("content-policy")).isInstanceOf(Fault.ContentPolicy.class);
  }

  @Test
  void openAi_refusesWithItsCodes() throws Exception {
    HttpResponse<String> tooLong =
        post(sim, "openai", chat("gpt-4o", "hi"), "x-sim-fault", "context-length");
    JsonNode error = json(tooLong.body()).get("error");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(error.get("code").asText()).isEqualTo("context_length_exceeded");
    assertThat(error.get("message").asText()).contains("maximum context length is 8192 tokens");

    HttpResponse<String> refused = post(sim, "openai", chat("gpt-4o+fault=content-policy", "hi"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused.body()).get("error").get("code").asText())
        .isEqualTo("content_policy_violation");
  }

  @Test
  void anthropic_refusesAsInvalidRequests_thatShouldNotBeRetried() throws Exception {
    HttpResponse<String> tooLong =
        anthropic(sim, "anthropic", messages("claude-x", "hi"), "x-sim-fault", "context-length");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.headers().firstValue("x-should-retry")).hasValue("false");
    JsonNode error = json(tooLong.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asText()).startsWith("prompt is too long: ");

    HttpResponse<String> refused =
        anthropic(sim, "anthropic", messages("claude-x", "hi"), "x-sim-fault", "content-policy");
    assertThat(json(refused.body()).get("error").get("message").asText())
        .isEqualTo("Output blocked by content filtering policy");
  }

  @Test
  void gemini_refusesWithInvalidArgument() throws Exception {
    HttpResponse<String> tooLong =
        gemini(sim, "google", "gemini-x+fault=context-length", false, contents("hi"));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    JsonNode error = json(tooLong.body()).get("error");
    assertThat(error.get("status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(error.get("message").asText())
        .contains("exceeds the maximum number of tokens allowed");

    HttpResponse<String> refused =
        gemini(sim, "google", "gemini-x+fault=content-policy", false, contents("hi"));
    assertThat(json(refused.body()).get("error").get("message").asText())
        .contains("PROHIBITED_CONTENT");
  }
}
