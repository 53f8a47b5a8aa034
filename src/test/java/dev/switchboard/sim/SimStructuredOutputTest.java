package dev.switchboard.sim;

import static dev.switchboard.sim.SimHttp.chat;
import static dev.switchboard.sim.SimHttp.chunks;
import static dev.switchboard.sim.SimHttp.json;
import static dev.switchboard.sim.SimHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimStructuredOutputTest extends SimServerTest {
  private static final String RECIPE =
      """
      {"type":"object","additionalProperties":false,"required":["title","servings","steps","tags"],
       "properties":{
        "title":{"type":"string"},
        "servings":{"type":"integer","minimum":1,"maximum":12},
        "vegan":{"type":["boolean","null"]},
        "steps":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/step"}},
        "tags":{"type":"array","items":{"enum":["quick","cheap","fancy"]}},
        "updated":{"type":"string","format":"date-time"}},
       "$defs":{"step":{"type":"object","required":["text","minutes"],"additionalProperties":false,
         "properties":{"text":{"type":"string"},"minutes":{"type":"number","minimum":0}}}}}""";

  @Test
  void jsonSchema_contentValidates_unary() throws Exception {
    JsonNode choice =
        json(post(sim, "openai", withSchema(chat("gpt-4o", "A recipe, please"))).body())
            .path("choices")
            .get(0);

    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    JsonNode content = json(choice.path("message").path("content").asText());
    assertThat(SchemaCheck.errors(json(RECIPE), content)).isEmpty();
  }

  @Test
  void jsonSchema_streamedDeltasJoinIntoValidJson_sameAsUnary() throws Exception {
    ObjectNode request = withSchema(chat("gpt-4o", "Another recipe"));
    String unary =
        json(post(sim, "openai", request).body())
            .path("choices")
            .get(0)
            .path("message")
            .path("content")
            .asText();

    List<JsonNode> chunks = chunks(post(sim, "openai", request.put("stream", true)).body());

    StringBuilder content = new StringBuilder();
    for (JsonNode chunk : chunks) {
      content.append(chunk.path("choices").path(0).path("delta").path("content").asText(""));
    }
    assertThat(chunks.size()).isGreaterThan(5);
    assertThat(SchemaCheck.errors(json(RECIPE), json(content.toString()))).isEmpty();
    assertThat(content.toString()).as("deterministic per seed and request").isEqualTo(unary);
    assertThat(chunks.getLast().path("choices").get(0).path("finish_reason").asText())
        .isEqualTo("stop");
  }

  @Test
  void jsonObject_followsTheSchemaInTheSystemPrompt() throws Exception {
    ObjectNode request = chat("gpt-4o", "Give me a recipe.");
    ((com.fasterxml.jackson.databind.node.ArrayNode) request.path("messages"))
        .insertObject(0)
        .put("role", "system")
        .put("content", "Answer only with JSON that matches this JSON schema:\n" + RECIPE);
    request.putObject("response_format").put("type", "json_object");

    String content =
        json(post(sim, "openai", request).body())
            .path("choices")
            .get(0)
            .path("message")
            .path("content")
            .asText();

    assertThat(SchemaCheck.errors(json(RECIPE), json(content))).isEmpty();
  }

  @Test
  void toolArguments_validateAgainstANestedSchema_whenStreamed() throws Exception {
    ObjectNode request = chat("gpt-4o", "Save this recipe");
    ObjectNode function =
        request.putArray("tools").addObject().put("type", "function").putObject("function");
    function.put("name", "save_recipe").set("parameters", json(RECIPE));
    request.put("stream", true);

    StringBuilder arguments = new StringBuilder();
    for (JsonNode chunk : chunks(post(sim, "openai", request).body())) {
      JsonNode call = chunk.path("choices").path(0).path("delta").path("tool_calls").path(0);
      arguments.append(call.path("function").path("arguments").asText(""));
    }

    assertThat(SchemaCheck.errors(json(RECIPE), json(arguments.toString()))).isEmpty();
  }

  @Test
  void aShellTool_getsAnEchoCommand() throws Exception {
    ObjectNode request = chat("gpt-4o", "Run the tests with bash");
    ObjectNode function =
        request.putArray("tools").addObject().put("type", "function").putObject("function");
    function
        .put("name", "bash")
        .set(
            "parameters",
            json(
                """
                {"type":"object","required":["command","description"],
                 "properties":{"command":{"type":"string"},"description":{"type":"string"},
                  "timeout":{"type":"number"}}}"""));

    JsonNode call =
        json(post(sim, "openai", request).body())
            .path("choices")
            .get(0)
            .path("message")
            .path("tool_calls")
            .get(0);

    JsonNode arguments = json(call.path("function").path("arguments").asText());
    assertThat(arguments.path("command").asText()).matches("echo [a-z]+");
    assertThat(arguments.has("timeout")).as("optional, so left out").isFalse();
  }

  private static ObjectNode withSchema(ObjectNode request) throws Exception {
    ObjectNode format = request.putObject("response_format").put("type", "json_schema");
    format
        .putObject("json_schema")
        .put("name", "recipe")
        .put("strict", true)
        .set("schema", json(RECIPE));
    return request;
  }
}
