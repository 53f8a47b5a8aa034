package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import org.junit.jupiter.api.Test;

class TurnPlannerTest {
  private static final String TOOLS =
      """
      [{"type":"function","function":{"name":"get_weather",
        "description":"Current weather for a city",
        "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
       {"type":"function","function":{"name":"lookup",
        "description":"Finds the population and capital of a country",
        "parameters":{"type":"object","properties":{"country":{"type":"string"}}}}}]""";

  @Test
  void auto_callsTheToolTheUserAsksFor_byAWordOfItsName() throws Exception {
    assertThat(plan(withTools("What's the weather in Paris?"))).isEqualTo(call("get_weather"));
  }

  @Test
  void auto_callsTheToolTheUserNames() throws Exception {
    assertThat(plan(withTools("Use lookup for Peru"))).isEqualTo(call("lookup"));
  }

  @Test
  void auto_callsATool_whenTwoWordsOfItsDescriptionAreAskedAbout() throws Exception {
    assertThat(plan(withTools("Which country has the largest population?")))
        .isEqualTo(call("lookup"));
    assertThat(plan(withTools("Which country is best?")))
        .as("one shared word is not enough")
        .isInstanceOf(Turn.Reply.class);
  }

  @Test
  void auto_readsPastAHarnesssNotes_toWhatTheUserAsked() throws Exception {
    String reminder =
        "<system-reminder>\nWhen you lookup the country population, use the weather tool."
            + "\n</system-reminder>\n";
    assertThat(plan(withTools(reminder + "Hello! How are you?")))
        .as("the note names tools; the user did not")
        .isInstanceOf(Turn.Reply.class);
    assertThat(plan(withTools(reminder + "What's the weather in Paris?")))
        .isEqualTo(call("get_weather"));
  }

  @Test
  void repeatAfterMe_echoesTheRestOfTheUsersMessage_verbatim() throws Exception {
    assertThat(plan(chat("Please. Repeat after me: mail <EMAIL_1> at 9 ")))
        .isEqualTo(new Turn.Echo("mail <EMAIL_1> at 9"));
    assertThat(plan(chat("repeat after me, please"))).isInstanceOf(Turn.Reply.class);
  }

  @Test
  void auto_answersInText_whenNothingAsksForATool() throws Exception {
    assertThat(plan(withTools("Hello! How are you?")))
        .isEqualTo(new Turn.Reply(java.util.Optional.empty()));
  }

  @Test
  void auto_answersInText_rightAfterAToolResult_namingTheTool() throws Exception {
    ObjectNode request = afterToolResult(withTools("What's the weather in Paris?"));

    Turn turn = plan(request);

    assertThat(turn)
        .isEqualTo(
            new Turn.Reply(
                java.util.Optional.of(new Turn.ToolResult("get_weather", "{\"temp\":21}", false))));
  }

  @Test
  void required_callsEvenAfterAToolResult_andFallsBackToTheFirstTool() throws Exception {
    assertThat(
            plan(afterToolResult(withTools("What's the weather?")).put("tool_choice", "required")))
        .isEqualTo(call("get_weather"));
    assertThat(plan(withTools("Hello").put("tool_choice", "required")))
        .isEqualTo(call("get_weather"));
  }

  @Test
  void named_callsThatFunction_whateverWasAsked() throws Exception {
    ObjectNode request = afterToolResult(withTools("What's the weather?"));
    request
        .putObject("tool_choice")
        .put("type", "function")
        .putObject("function")
        .put("name", "lookup");

    assertThat(plan(request)).isEqualTo(call("lookup"));
  }

  @Test
  void none_neverCalls() throws Exception {
    assertThat(plan(withTools("What's the weather in Paris?").put("tool_choice", "none")))
        .isInstanceOf(Turn.Reply.class);
  }

  @Test
  void rejectsAnUnknownToolChoice_orAFunctionNotInTools() throws Exception {
    assertThatThrownBy(() -> plan(withTools("hi").put("tool_choice", "any")))
        .isInstanceOfSatisfying(
            SimRejection.class, e -> assertThat(e.error().param()).isEqualTo("tool_choice"));
    ObjectNode named = withTools("hi");
    named.putObject("tool_choice").putObject("function").put("name", "missing");
    assertThatThrownBy(() -> plan(named)).isInstanceOf(SimRejection.class);
  }

  @Test
  void jsonSchema_answersWithItsSchema_alsoAfterAToolResult() throws Exception {
    ObjectNode request = afterToolResult(withTools("What's the weather in Paris?"));
    ObjectNode format = request.putObject("response_format").put("type", "json_schema");
    format.putObject("json_schema").put("name", "w").putObject("schema").put("type", "array");

    assertThat(plan(request)).isEqualTo(new Turn.Structured(Json.object().put("type", "array")));
  }

  @Test
  void aToolAskedFor_winsOverTheResponseFormat() throws Exception {
    ObjectNode request = withTools("What's the weather in Paris?");
    request.putObject("response_format").put("type", "json_object");

    assertThat(plan(request)).isEqualTo(call("get_weather"));
  }

  @Test
  void jsonObject_followsASchemaGivenInThePrompt_elseAnswersAnObject() throws Exception {
    ObjectNode request = chat("Rate this movie.");
    ((ArrayNode) request.path("messages"))
        .insertObject(0)
        .put("role", "system")
        .put(
            "content",
            "Reply in JSON {like this} matching {\"type\":\"object\",\"required\":[\"stars\"],"
                + "\"properties\":{\"stars\":{\"type\":\"integer\"}}} and nothing else.");
    request.putObject("response_format").put("type", "json_object");

    Turn turn = plan(request);

    assertThat(turn).isInstanceOf(Turn.Structured.class);
    assertThat(((Turn.Structured) turn).schema().path("required").get(0).asText())
        .isEqualTo("stars");
    ObjectNode bare = chat("Rate this movie.");
    bare.putObject("response_format").put("type", "json_object");
    assertThat(((Turn.Structured) plan(bare)).schema().path("type").asText()).isEqualTo("object");
  }

  @Test
  void rejectsAnUnknownResponseFormat() {
    ObjectNode request = chat("hi");
    request.putObject("response_format").put("type", "yaml");

    assertThatThrownBy(() -> plan(request))
        .isInstanceOfSatisfying(
            SimRejection.class,
            e -> assertThat(e.error().param()).isEqualTo("response_format.type"));
  }

  private static Turn plan(ObjectNode request) throws SimRejection {
    return TurnPlanner.plan(OpenAiRequest.parse(Json.string(request), null));
  }

  private static Turn call(String name) throws Exception {
    for (var tool : SimHttp.json(TOOLS)) {
      if (tool.path("function").path("name").asText().equals(name)) {
        return new Turn.Call(tool.path("function"));
      }
    }
    throw new AssertionError(name);
  }

  private static ObjectNode chat(String text) {
    return SimHttp.chat("gpt-4o", text);
  }

  private static ObjectNode withTools(String text) throws Exception {
    ObjectNode request = chat(text);
    request.set("tools", SimHttp.json(TOOLS));
    return request;
  }

  /** The request after the model called get_weather and the client ran it. */
  static ObjectNode afterToolResult(ObjectNode request) {
    ArrayNode messages = (ArrayNode) request.path("messages");
    ObjectNode assistant = messages.addObject().put("role", "assistant");
    assistant.putNull("content");
    ObjectNode call = assistant.putArray("tool_calls").addObject();
    call.put("id", "call_1").put("type", "function");
    call.putObject("function").put("name", "get_weather").put("arguments", "{\"city\":\"Paris\"}");
    messages
        .addObject()
        .put("role", "tool")
        .put("tool_call_id", "call_1")
        .put("content", "{\"temp\":21}");
    return request;
  }
}
