package dev.switchboard.sim;

import static dev.switchboard.sim.FormatHttp.anthropic;
import static dev.switchboard.sim.FormatHttp.messages;
import static dev.switchboard.sim.SimHttp.json;
import static dev.switchboard.sim.SimHttp.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class AnthropicCacheTest extends SimServerTest {
  private static final String MANUAL =
      "The operator manual says every valve is checked twice before the shift ends. ".repeat(80);

  @Test
  void writesThenReads_aFiveMinuteBreakpoint() throws Exception {
    int system = tokens("one" + MANUAL);
    assertThat(system).isGreaterThan(1024);

    JsonNode first = usage(cached("one", "5m", "First question"));
    JsonNode second = usage(cached("one", "5m", "Second question"));

    assertThat(first.path("cache_creation_input_tokens").asInt()).isEqualTo(system);
    assertThat(first.at("/cache_creation/ephemeral_5m_input_tokens").asInt()).isEqualTo(system);
    assertThat(first.at("/cache_creation/ephemeral_1h_input_tokens").asInt()).isZero();
    assertThat(first.path("cache_read_input_tokens").asInt()).isZero();
    assertThat(first.path("input_tokens").asInt()).isEqualTo(3 + 4 + tokens("First question"));
    assertThat(second.path("cache_read_input_tokens").asInt()).isEqualTo(system);
    assertThat(second.path("cache_creation_input_tokens").asInt()).isZero();
    assertThat(second.path("input_tokens").asInt()).isEqualTo(3 + 4 + tokens("Second question"));
  }

  @Test
  void splitsWrites_byTtl_andReadsAnHourLongPrefix() throws Exception {
    ObjectNode request = cached("two", "1h", "Question");
    ObjectNode turn = (ObjectNode) request.withArray("messages").get(0);
    turn.putArray("content")
        .addObject()
        .put("type", "text")
        .put("text", "Question")
        .putObject("cache_control")
        .put("type", "ephemeral");
    int system = tokens("two" + MANUAL);
    int question = 4 + tokens("Question");

    JsonNode first = usage(request);
    JsonNode second = usage(request);

    assertThat(first.at("/cache_creation/ephemeral_1h_input_tokens").asInt()).isEqualTo(system);
    assertThat(first.at("/cache_creation/ephemeral_5m_input_tokens").asInt()).isEqualTo(question);
    assertThat(first.path("cache_creation_input_tokens").asInt()).isEqualTo(system + question);
    assertThat(first.path("input_tokens").asInt()).isEqualTo(3);
    assertThat(second.path("cache_read_input_tokens").asInt()).isEqualTo(system + question);
    assertThat(second.path("cache_creation_input_tokens").asInt()).isZero();
  }

  @Test
  void readsTheEarlierTurns_whenTheBreakpointMovesForward() throws Exception {
    ObjectNode request = messages("claude-sonnet-4-6", "x").put("system", "three" + MANUAL);
    request.remove("messages");
    addTurn(request, "user", "What is a valve?", true);
    JsonNode first = usage(request);
    clearMarks(request);
    addTurn(request, "assistant", "A part that controls flow.", false);
    addTurn(request, "user", "And a pump?", true);

    JsonNode second = usage(request);

    int firstPrefix = tokens("three" + MANUAL) + 4 + tokens("What is a valve?");
    int added = 4 + tokens("A part that controls flow.") + 4 + tokens("And a pump?");
    assertThat(first.path("cache_creation_input_tokens").asInt()).isEqualTo(firstPrefix);
    assertThat(second.path("cache_read_input_tokens").asInt()).isEqualTo(firstPrefix);
    assertThat(second.path("cache_creation_input_tokens").asInt()).isEqualTo(added);
    assertThat(second.path("input_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void cachesNothing_belowTheMinimumLength() throws Exception {
    ObjectNode request = messages("claude-sonnet-4-6", "Hi");
    request
        .putArray("system")
        .addObject()
        .put("type", "text")
        .put("text", "Be brief.")
        .putObject("cache_control")
        .put("type", "ephemeral");

    usage(request);
    JsonNode second = usage(request);

    assertThat(second.path("cache_read_input_tokens").asInt()).isZero();
    assertThat(second.path("cache_creation_input_tokens").asInt()).isZero();
  }

  @Test
  void reportsCacheUsage_inMessageStart_whenStreamed() throws Exception {
    ObjectNode request = cached("four", "5m", "Streamed question").put("stream", true);
    anthropic(sim, "anthropic", request);

    String body = anthropic(sim, "anthropic", request).body();

    JsonNode start = FormatHttp.named(FormatHttp.sse(body), "message_start").getFirst();
    assertThat(start.at("/message/usage/cache_read_input_tokens").asInt())
        .isEqualTo(tokens("four" + MANUAL));
    JsonNode end = FormatHttp.named(FormatHttp.sse(body), "message_delta").getFirst();
    assertThat(end.at("/usage/cache_read_input_tokens").asInt())
        .as("message_delta usage is cumulative")
        .isEqualTo(tokens("four" + MANUAL));
  }

  @Test
  void marksTheLastBlock_withATopLevelCacheControl() throws Exception {
    ObjectNode request = messages("claude-sonnet-4-6", "five" + MANUAL);
    request.putObject("cache_control").put("type", "ephemeral");

    JsonNode first = usage(request);
    JsonNode second = usage(request);

    int whole = 4 + tokens("five" + MANUAL);
    assertThat(first.path("cache_creation_input_tokens").asInt()).isEqualTo(whole);
    assertThat(second.path("cache_read_input_tokens").asInt()).isEqualTo(whole);
    assertThat(second.path("input_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void refusesMoreThanFourBreakpoints_andAnUnknownTtl() throws Exception {
    ObjectNode five = messages("claude-sonnet-4-6", "Hi");
    for (int i = 0; i < 5; i++) {
      five.withArray("system")
          .addObject()
          .put("type", "text")
          .put("text", "part " + i)
          .putObject("cache_control")
          .put("type", "ephemeral");
    }
    ObjectNode badTtl = cached("six", "5m", "Hi");
    ((ObjectNode) badTtl.withArray("system").get(0).path("cache_control")).put("ttl", "2h");

    for (ObjectNode bad : java.util.List.of(five, badTtl)) {
      var response = anthropic(sim, "anthropic", bad);
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response.body()).at("/error/type").asText())
          .isEqualTo("invalid_request_error");
    }
  }

  /** A request whose long system block is a breakpoint with this TTL. */
  private static ObjectNode cached(String tag, String ttl, String question) {
    ObjectNode request = messages("claude-sonnet-4-6", question);
    ObjectNode mark =
        request
            .putArray("system")
            .addObject()
            .put("type", "text")
            .put("text", tag + MANUAL)
            .putObject("cache_control")
            .put("type", "ephemeral");
    if (ttl.equals("1h")) {
      mark.put("ttl", "1h");
    }
    return request;
  }

  private static void addTurn(ObjectNode request, String role, String text, boolean mark) {
    ObjectNode block =
        request
            .withArray("messages")
            .addObject()
            .put("role", role)
            .putArray("content")
            .addObject()
            .put("type", "text")
            .put("text", text);
    if (mark) {
      block.putObject("cache_control").put("type", "ephemeral");
    }
  }

  private static void clearMarks(ObjectNode request) {
    for (JsonNode message : request.withArray("messages")) {
      for (JsonNode block : message.path("content")) {
        ((ObjectNode) block).remove("cache_control");
      }
    }
  }

  private static JsonNode usage(ObjectNode request) throws Exception {
    return json(anthropic(sim, "anthropic", request).body()).path("usage");
  }
}
