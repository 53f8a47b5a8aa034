package dev.switchboard.sim;

import static dev.switchboard.sim.SimHttp.chat;
import static dev.switchboard.sim.SimHttp.chunks;
import static dev.switchboard.sim.SimHttp.fieldNames;
import static dev.switchboard.sim.SimHttp.json;
import static dev.switchboard.sim.SimHttp.post;
import static dev.switchboard.sim.SimHttp.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimToolCallTest extends SimServerTest {

  @Test
  void callsTheToolAskedFor_withArgumentsValidAgainstItsSchema() throws Exception {
    JsonNode body =
        json(post(sim, "openai", withTools(chat("gpt-4o", "Weather in Paris?"))).body());

    JsonNode choice = body.path("choices").get(0);
    assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    JsonNode message = choice.path("message");
    assertThat(message.path("content").isNull()).isTrue();
    assertThat(message.path("tool_calls")).hasSize(1);
    JsonNode call = message.path("tool_calls").get(0);
    assertThat(call.path("id").asText()).matches("call_[A-Za-z0-9]{24}");
    assertThat(call.path("type").asText()).isEqualTo("function");
    assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
    String arguments = call.path("function").path("arguments").asText();
    assertWeatherArguments(json(arguments));
    assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(tokens(arguments));
  }

  @Test
  void callsTheToolNamedByToolChoice() throws Exception {
    ObjectNode request = withTools(chat("gpt-4o", "Time?"));
    request
        .putObject("tool_choice")
        .put("type", "function")
        .putObject("function")
        .put("name", "get_time");

    JsonNode call =
        json(post(sim, "openai", request).body())
            .path("choices")
            .get(0)
            .path("message")
            .path("tool_calls")
            .get(0);

    assertThat(call.path("function").path("name").asText()).isEqualTo("get_time");
    assertThat(json(call.path("function").path("arguments").asText()).path("zone").asText())
        .isEqualTo("UTC");
  }

  @Test
  void answersInText_afterTheToolResult_soAToolLoopEnds() throws Exception {
    ObjectNode request = withTools(chat("gpt-4o", "Weather in Paris?"));
    JsonNode first = json(post(sim, "openai", request).body()).path("choices").get(0);
    ArrayNode messages = (ArrayNode) request.path("messages");
    messages.add(first.path("message"));
    messages
        .addObject()
        .put("role", "tool")
        .put("tool_call_id", first.path("message").path("tool_calls").get(0).path("id").asText())
        .put("content", "{\"temperature\": 21, \"sky\": \"clear\"}");

    JsonNode second = json(post(sim, "openai", request).body()).path("choices").get(0);

    assertThat(second.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(second.path("message").has("tool_calls")).isFalse();
    assertThat(second.path("message").path("content").asText())
        .startsWith("The get_weather tool returned \"{\"temperature\": 21, \"sky\": \"clear\"}\".");
  }

  @Test
  void answersInText_whenNoToolIsAskedFor() throws Exception {
    JsonNode choice =
        json(post(sim, "openai", withTools(chat("gpt-4o", "Hello there"))).body())
            .path("choices")
            .get(0);

    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(choice.path("message").path("content").asText()).isNotBlank();
  }

  @Test
  void answersInText_whenToolChoiceIsNone() throws Exception {
    JsonNode body =
        json(
            post(sim, "openai", withTools(chat("gpt-4o", "Just talk")).put("tool_choice", "none"))
                .body());

    assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    assertThat(body.path("choices").get(0).path("message").path("content").asText()).isNotBlank();
  }

  @Test
  void streamsToolCall_asStartThenArgumentFragments() throws Exception {
    ObjectNode request = withTools(chat("gpt-4o", "Weather in Oslo?")).put("stream", true);
    List<JsonNode> chunks = chunks(post(sim, "openai", request).body());

    JsonNode start = chunks.get(1).path("choices").get(0).path("delta").path("tool_calls").get(0);
    assertThat(start.path("index").asInt()).isZero();
    assertThat(start.path("id").asText()).matches("call_[A-Za-z0-9]{24}");
    assertThat(start.path("type").asText()).isEqualTo("function");
    assertThat(start.path("function").path("name").asText()).isEqualTo("get_weather");
    assertThat(start.path("function").path("arguments").asText()).isEmpty();
    StringBuilder arguments = new StringBuilder();
    for (JsonNode chunk : chunks.subList(2, chunks.size() - 1)) {
      JsonNode fragment = chunk.path("choices").get(0).path("delta").path("tool_calls").get(0);
      assertThat(fieldNames(fragment)).containsExactly("index", "function");
      arguments.append(fragment.path("function").path("arguments").asText());
    }
    assertThat(chunks.size()).isGreaterThan(5);
    assertWeatherArguments(json(arguments.toString()));
    assertThat(chunks.getLast().path("choices").get(0).path("finish_reason").asText())
        .isEqualTo("tool_calls");
  }

  private static void assertWeatherArguments(JsonNode arguments) throws Exception {
    JsonNode schema =
        withTools(chat("m", "")).path("tools").get(0).path("function").path("parameters");
    assertThat(SchemaCheck.errors(schema, arguments)).isEmpty();
    assertThat(fieldNames(arguments)).as("only the required field").containsExactly("location");
    assertThat(arguments.path("location").asText()).isNotBlank();
  }

  static ObjectNode withTools(ObjectNode request) throws Exception {
    ArrayNode tools =
        (ArrayNode)
            json(
                """
                [{"type":"function","function":{"name":"get_weather","description":"Weather now",
                  "parameters":{"type":"object","required":["location"],"properties":{
                    "location":{"type":"string"},
                    "unit":{"type":"string","enum":["celsius","fahrenheit"]},
                    "days":{"type":"integer"},
                    "detailed":{"type":"boolean"},
                    "extra":{"type":"object"},
                    "tags":{"type":["array","null"]}}}}},
                 {"type":"function","function":{"name":"get_time",
                  "parameters":{"type":"object","properties":{"zone":{"type":"string","enum":["UTC"]}}}}}]
                """);
    request.set("tools", tools);
    return request;
  }
}
