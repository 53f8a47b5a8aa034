package dev.switchboard.sim;

import static dev.switchboard.sim.FormatHttp.WEATHER_TOOL;
import static dev.switchboard.sim.FormatHttp.anthropic;
import static dev.switchboard.sim.FormatHttp.messages;
import static dev.switchboard.sim.FormatHttp.named;
import static dev.switchboard.sim.FormatHttp.names;
import static dev.switchboard.sim.FormatHttp.sse;
import static dev.switchboard.sim.SimHttp.fieldNames;
import static dev.switchboard.sim.SimHttp.json;
import static dev.switchboard.sim.SimHttp.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.SseEvent;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicSimTest extends SimServerTest {
  /** The documented order: start, pings, whole blocks in index order, delta, stop. */
  static final String SEQUENCE =
      "message_start (ping )*((content_block_start (content_block_delta |ping )*"
          + "content_block_stop )(ping )*)*message_delta message_stop";

  @Test
  void answersAMessage_inTheDocumentedShape() throws Exception {
    HttpResponse<String> response =
        anthropic(sim, "anthropic", messages("claude-sonnet-4-6", "Hi"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode message = json(response.body());
    assertThat(fieldNames(message))
        .containsExactly(
            "id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage");
    assertThat(message.path("id").asText()).matches("msg_01[A-Za-z0-9]{22}");
    assertThat(message.path("type").asText()).isEqualTo("message");
    assertThat(message.path("model").asText()).isEqualTo("claude-sonnet-4-6");
    assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(message.path("stop_sequence").isNull()).isTrue();
    JsonNode text = message.path("content").get(0);
    assertThat(text.path("type").asText()).isEqualTo("text");
    JsonNode usage = message.path("usage");
    assertThat(fieldNames(usage))
        .containsExactly(
            "input_tokens",
            "cache_creation_input_tokens",
            "cache_read_input_tokens",
            "cache_creation",
            "output_tokens",
            "service_tier");
    assertThat(usage.path("input_tokens").asInt()).isEqualTo(3 + 4 + tokens("Hi"));
    assertThat(usage.path("output_tokens").asInt()).isEqualTo(tokens(text.path("text").asText()));
  }

  @Test
  void streamsTheSameMessage_asTheDocumentedEventSequence() throws Exception {
    ObjectNode request = messages("claude-sonnet-4-6", "Tell me about rivers");
    String unary = json(anthropic(sim, "anthropic", request).body()).at("/content/0/text").asText();
    HttpResponse<String> response = anthropic(sim, "anthropic", request.put("stream", true));

    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    List<SseEvent> events = sse(response.body());
    assertDocumentedSequence(events);
    JsonNode start = named(events, "message_start").getFirst().path("message");
    assertThat(start.path("content")).isEmpty();
    assertThat(start.path("stop_reason").isNull()).isTrue();
    assertThat(start.path("usage").path("input_tokens").asInt()).isPositive();
    StringBuilder text = new StringBuilder();
    for (JsonNode delta : named(events, "content_block_delta")) {
      assertThat(delta.path("delta").path("type").asText()).isEqualTo("text_delta");
      text.append(delta.path("delta").path("text").asText());
    }
    assertThat(text.toString()).isEqualTo(unary);
    JsonNode end = named(events, "message_delta").getFirst();
    assertThat(end.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(end.path("usage").path("output_tokens").asInt()).isEqualTo(tokens(unary));
  }

  @Test
  void usesTheToolAskedFor_unaryAndStreamed() throws Exception {
    ObjectNode request = messages("claude-sonnet-4-6", "What's the weather in Paris?");
    request.putArray("tools").add(json(WEATHER_TOOL));

    JsonNode message = json(anthropic(sim, "anthropic", request).body());
    assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
    JsonNode toolUse = message.path("content").get(0);
    assertThat(toolUse.path("type").asText()).isEqualTo("tool_use");
    assertThat(toolUse.path("id").asText()).matches("toolu_01[A-Za-z0-9]{22}");
    assertThat(toolUse.path("name").asText()).isEqualTo("get_weather");
    assertThat(toolUse.path("input").path("city").isTextual()).isTrue();

    List<SseEvent> events = sse(anthropic(sim, "anthropic", request.put("stream", true)).body());
    assertDocumentedSequence(events);
    JsonNode block = named(events, "content_block_start").getFirst().path("content_block");
    assertThat(block.path("type").asText()).isEqualTo("tool_use");
    assertThat(block.path("input")).isEmpty();
    StringBuilder partial = new StringBuilder();
    for (JsonNode delta : named(events, "content_block_delta")) {
      assertThat(delta.path("delta").path("type").asText()).isEqualTo("input_json_delta");
      partial.append(delta.path("delta").path("partial_json").asText());
    }
    assertThat(json(partial.toString())).isEqualTo(toolUse.path("input"));
    assertThat(named(events, "message_delta").getFirst().at("/delta/stop_reason").asText())
        .isEqualTo("tool_use");
  }

  @Test
  void answersAToolResultTurn_inWords_andReadsIsError() throws Exception {
    ObjectNode request = messages("claude-sonnet-4-6", "What's the weather in Paris?");
    request.putArray("tools").add(json(WEATHER_TOOL));
    request
        .withArray("messages")
        .add(
            json(
                """
        {"role":"assistant","content":[{"type":"tool_use","id":"toolu_01abc",
          "name":"get_weather","input":{"city":"Paris"}}]}"""));
    request
        .withArray("messages")
        .add(
            json(
                """
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01abc",
          "content":"sunny, 21C"}]}"""));

    JsonNode ok = json(anthropic(sim, "anthropic", request).body());
    ((ObjectNode) request.withArray("messages").get(2).path("content").get(0))
        .put("is_error", true);
    JsonNode failed = json(anthropic(sim, "anthropic", request).body());

    assertThat(ok.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(ok.at("/content/0/text").asText())
        .startsWith("The get_weather tool returned \"sunny, 21C\".");
    assertThat(failed.at("/content/0/text").asText())
        .startsWith("The get_weather tool failed with \"sunny, 21C\".");
  }

  @Test
  void thinks_withASignedThinkingBlock_whenThinkingIsEnabled() throws Exception {
    ObjectNode request =
        messages("claude-sonnet-4-6", "Why is the sky blue?").put("max_tokens", 4096);
    request.putObject("thinking").put("type", "enabled").put("budget_tokens", 2048);

    JsonNode message = json(anthropic(sim, "anthropic", request).body());
    JsonNode thinking = message.path("content").get(0);
    assertThat(thinking.path("type").asText()).isEqualTo("thinking");
    assertThat(thinking.path("signature").asText()).matches("[A-Za-z0-9+/]{300,}={0,2}");
    assertThat(message.at("/content/1/type").asText()).isEqualTo("text");
    assertThat(message.at("/usage/output_tokens").asInt())
        .isEqualTo(
            tokens(thinking.path("thinking").asText())
                + tokens(message.at("/content/1/text").asText()));

    List<SseEvent> events = sse(anthropic(sim, "anthropic", request.put("stream", true)).body());
    assertDocumentedSequence(events);
    List<String> deltas =
        named(events, "content_block_delta").stream()
            .map(d -> d.path("index").asInt() + ":" + d.at("/delta/type").asText())
            .distinct()
            .toList();
    assertThat(deltas).containsExactly("0:thinking_delta", "0:signature_delta", "1:text_delta");
    assertThat(
            named(events, "content_block_delta").stream()
                .filter(d -> d.at("/delta/type").asText().equals("signature_delta"))
                .findFirst()
                .orElseThrow()
                .at("/delta/signature")
                .asText())
        .as("each answer signs its own thinking")
        .matches("[A-Za-z0-9+/]{300,}={0,2}");
  }

  @Test
  void honoursMaxTokensAndStopSequences_withTheirStopReasons() throws Exception {
    ObjectNode cut = messages("claude-sonnet-4-6", "Tell me a story").put("max_tokens", 5);
    JsonNode cutMessage = json(anthropic(sim, "anthropic", cut).body());
    assertThat(cutMessage.path("stop_reason").asText()).isEqualTo("max_tokens");
    assertThat(cutMessage.at("/usage/output_tokens").asInt()).isEqualTo(5);

    ObjectNode stopped = messages("claude-sonnet-4-6", "Tell me a story");
    String full = json(anthropic(sim, "anthropic", stopped).body()).at("/content/0/text").asText();
    String stop = full.substring(full.indexOf(' ') + 1, full.indexOf(' ') + 4);
    stopped.putArray("stop_sequences").add(stop);
    JsonNode message = json(anthropic(sim, "anthropic", stopped).body());
    assertThat(message.path("stop_reason").asText()).isEqualTo("stop_sequence");
    assertThat(message.path("stop_sequence").asText()).isEqualTo(stop);
    assertThat(message.at("/content/0/text").asText())
        .isEqualTo(full.substring(0, full.indexOf(stop)));
  }

  @Test
  void takesTheSystemPrompt_asAStringOrAsBlocks() throws Exception {
    ObjectNode asString = messages("claude-sonnet-4-6", "Hi").put("system", "Be brief.");
    ObjectNode asBlocks = messages("claude-sonnet-4-6", "Hi");
    asBlocks.putArray("system").addObject().put("type", "text").put("text", "Be brief.");

    int stringTokens =
        json(anthropic(sim, "anthropic", asString).body()).at("/usage/input_tokens").asInt();
    int blockTokens =
        json(anthropic(sim, "anthropic", asBlocks).body()).at("/usage/input_tokens").asInt();

    assertThat(stringTokens).isEqualTo(3 + tokens("Be brief.") + 4 + tokens("Hi"));
    assertThat(blockTokens).isEqualTo(stringTokens);
  }

  @Test
  void countsTokens_withoutMaxTokens() throws Exception {
    ObjectNode request = messages("claude-sonnet-4-6", "Hi").put("system", "Be brief.");
    request.remove("max_tokens");

    HttpResponse<String> response =
        SimHttp.post(
            sim.baseUrl("anthropic") + "/messages/count_tokens",
            dev.switchboard.wire.Json.string(request),
            "x-api-key",
            "k",
            "anthropic-version",
            "2023-06-01");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(fieldNames(json(response.body()))).containsExactly("input_tokens");
    assertThat(json(response.body()).path("input_tokens").asInt())
        .isEqualTo(3 + tokens("Be brief.") + 4 + tokens("Hi"));
  }

  /**
   * The events follow the documented grammar, each event's data names its own type, and blocks are
   * started, filled and stopped in index order from 0.
   */
  static void assertDocumentedSequence(List<SseEvent> events) throws Exception {
    assertThat(String.join(" ", names(events)) + " ").matches(SEQUENCE + " ");
    int open = -1;
    for (SseEvent event : events) {
      JsonNode data = json(event.data());
      assertThat(data.path("type").asText()).isEqualTo(event.event());
      switch (event.event()) {
        case "content_block_start" -> assertThat(data.path("index").asInt()).isEqualTo(++open);
        case "content_block_delta", "content_block_stop" ->
            assertThat(data.path("index").asInt()).isEqualTo(open);
        default -> {
          // message_* and ping carry no index.
        }
      }
    }
  }
}
