package dev.switchboard.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.AuthScheme;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Role;
import dev.switchboard.wire.ToolSpec;
import dev.switchboard.wire.UpstreamCall;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.openai.OpenAiFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests of another format (OpenAI's, parsed by its own format) rebuilt for Anthropic. */
class AnthropicRequestWriterTest {
  private static final UpstreamTarget TARGET = new UpstreamTarget("claude-sonnet-4-5", false);
  private final AnthropicFormat format = new AnthropicFormat();

  @Test
  void rebuildsAToolRoundTripWithImages_inAnthropicsShapes() throws Exception {
    UpstreamCall call =
        encode(
            """
            {"model":"gw/claude","stream":true,"max_tokens":500,"messages":[
              {"role":"system","content":"Be brief."},
              {"role":"user","content":[{"type":"text","text":"Weather here?"},
                {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                {"type":"image_url","image_url":{"url":"https://example.com/a.jpg"}}]},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                {"id":"call_2","type":"function","function":{"name":"get_time","arguments":""}}]},
              {"role":"tool","tool_call_id":"call_1","content":"18C"},
              {"role":"tool","tool_call_id":"call_2","content":"noon"},
              {"role":"user","content":"Thanks"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather",
                "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
               {"type":"function","function":{"name":"get_time"}}],
             "tool_choice":"required","stop":["END"],"user":"u-1"}""");
    assertThat(call.path()).isEqualTo("/messages");
    assertThat(call.auth()).isEqualTo(AuthScheme.X_API_KEY);
    assertThat(call.headers()).containsEntry("anthropic-version", "2023-06-01");
    assertThat(call.stream()).isTrue();
    JsonNode body = Json.tree(call.body());
    assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(body.path("max_tokens").asLong()).isEqualTo(500);
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("system"))
        .isEqualTo(Json.tree("[{\"type\":\"text\",\"text\":\"Be brief.\"}]"));
    JsonNode messages = body.path("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.at("/0/content/1"))
        .isEqualTo(
            Json.tree(
                "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}"));
    assertThat(messages.at("/0/content/2/source"))
        .isEqualTo(Json.tree("{\"type\":\"url\",\"url\":\"https://example.com/a.jpg\"}"));
    assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
    assertThat(messages.at("/1/content/0"))
        .isEqualTo(
            Json.tree(
                "{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}"));
    assertThat(messages.at("/1/content/1/input")).isEqualTo(Json.object());
    // Both tool results and the next user text are one user turn, the results first.
    assertThat(messages.at("/2/content"))
        .isEqualTo(
            Json.tree(
                "[{\"type\":\"tool_result\",\"tool_use_id\":\"call_1\",\"content\":\"18C\"},"
                    + "{\"type\":\"tool_result\",\"tool_use_id\":\"call_2\",\"content\":\"noon\"},"
                    + "{\"type\":\"text\",\"text\":\"Thanks\"}]"));
    assertThat(body.at("/tools/0/input_schema/properties/city/type").asText()).isEqualTo("string");
    assertThat(body.at("/tools/1/input_schema"))
        .isEqualTo(Json.tree("{\"type\":\"object\",\"properties\":{}}"));
    assertThat(body.path("tool_choice")).isEqualTo(Json.tree("{\"type\":\"any\"}"));
    assertThat(body.path("stop_sequences")).isEqualTo(Json.tree("[\"END\"]"));
    assertThat(body.at("/metadata/user_id").asText()).isEqualTo("u-1");
    assertThat(call.dropped()).isEmpty();
  }

  @Test
  void defaultsMaxTokens_andAMidConversationSystemTurnBecomesUserText() throws Exception {
    JsonNode body =
        body(
            """
            {"model":"m","messages":[{"role":"user","content":"a"},
              {"role":"assistant","content":"b"},{"role":"system","content":"Now be terse."},
              {"role":"user","content":"c"}],"seed":7}""");
    assertThat(body.path("max_tokens").asLong()).isEqualTo(4096);
    assertThat(body.has("system")).isFalse();
    assertThat(body.path("messages")).hasSize(3);
    assertThat(body.at("/messages/2/content"))
        .isEqualTo(
            Json.tree(
                "[{\"type\":\"text\",\"text\":\"Now be terse.\"},{\"type\":\"text\",\"text\":\"c\"}]"));
  }

  @Test
  void reasoningBecomesAThinkingBudget_clearOfSamplingThinkingForbids() throws Exception {
    UpstreamCall effort =
        encode(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],"
                + "\"reasoning_effort\":\"high\",\"temperature\":0.2,\"seed\":1,\"metadata\":{\"k\":\"v\"}}");
    JsonNode body = Json.tree(effort.body());
    assertThat(body.path("thinking"))
        .isEqualTo(Json.tree("{\"type\":\"enabled\",\"budget_tokens\":16384}"));
    assertThat(body.path("max_tokens").asLong()).isEqualTo(16384 + 4096);
    assertThat(body.has("temperature")).isFalse();
    assertThat(effort.dropped()).containsExactly("temperature", "seed", "metadata");
    JsonNode budget =
        body(
            "{\"model\":\"m\",\"max_tokens\":3000,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],"
                + "\"reasoning\":{\"max_tokens\":500}}");
    assertThat(budget.at("/thinking/budget_tokens").asLong()).isEqualTo(1024);
    UpstreamCall noRoom =
        encode(
            "{\"model\":\"m\",\"max_tokens\":800,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],"
                + "\"reasoning_effort\":\"low\"}");
    assertThat(Json.tree(noRoom.body()).has("thinking")).isFalse();
    assertThat(noRoom.dropped()).containsExactly("reasoning");
  }

  @Test
  void aJsonSchemaBecomesStructuredOutput_jsonObjectIsRefused() throws Exception {
    JsonNode body =
        body(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],"
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"r\",\"schema\":{\"type\":\"object\"}}}}");
    assertThat(body.path("output_config"))
        .isEqualTo(
            Json.tree("{\"format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\"}}}"));
    assertThatThrownBy(
            () ->
                encode(
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],"
                        + "\"response_format\":{\"type\":\"json_object\"}}"))
        .isInstanceOf(WireException.class)
        .hasMessageContaining("response_format");
  }

  @Test
  void unsignedThinkingIsDropped_signedTravelsByteExact() throws Exception {
    ChatRequest request =
        request(
            List.of(
                Message.text(Role.USER, "q"),
                new Message(
                    Role.ASSISTANT,
                    List.of(new Part.Thinking("from deepseek", ""), Part.Text.of("a"))),
                new Message(
                    Role.ASSISTANT,
                    List.of(new Part.Thinking("from claude", "Eq+/sig=="), Part.Text.of("b"))),
                Message.text(Role.USER, "next")),
            List.of());
    UpstreamCall call = format.encodeRequest(request, TARGET);
    JsonNode body = Json.tree(call.body());
    assertThat(call.dropped()).containsExactly("thinking");
    assertThat(body.at("/messages/1/content"))
        .isEqualTo(
            Json.tree(
                "[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"thinking\",\"thinking\":\"from claude\",\"signature\":\"Eq+/sig==\"},{\"type\":\"text\",\"text\":\"b\"}]"));
  }

  @Test
  void refusesToolArgumentsThatAreNoJsonObject() {
    ChatRequest request =
        request(
            List.of(
                Message.text(Role.USER, "q"),
                new Message(Role.ASSISTANT, List.of(new Part.ToolUse("c1", "f", "[1, 2"))),
                new Message(
                    Role.TOOL,
                    List.of(
                        new Part.ToolResult(
                            "c1", List.of(Part.Text.of("r")), false, java.util.Optional.empty())))),
            List.of());
    assertThatThrownBy(() -> format.encodeRequest(request, TARGET))
        .isInstanceOf(WireException.class)
        .hasMessageContaining("c1");
  }

  @Test
  void refusesAnotherFormatsBuiltinTool() {
    ToolSpec foreign =
        ToolSpec.builtin(
            "google_search", new Part.Opaque("gemini", "google_search", Json.object()));
    ChatRequest request = request(List.of(Message.text(Role.USER, "q")), List.of(foreign));
    assertThatThrownBy(() -> format.encodeRequest(request, TARGET))
        .isInstanceOf(WireException.class)
        .hasMessageContaining("google_search");
  }

  @Test
  void sameFormatRelaysTheClientsBodyAndHeaders_modelAside() throws Exception {
    ChatRequest request = format.parseRequest(ClaudeCodeCapture.request(1));
    UpstreamCall call = format.encodeRequest(request, TARGET);
    ObjectNode expected = request.source().body().deepCopy();
    expected.put("model", "claude-sonnet-4-5");
    assertThat(Json.tree(call.body())).isEqualTo(expected);
    assertThat(call.headers())
        .containsEntry("anthropic-beta", request.source().headers().get("anthropic-beta"))
        .containsEntry("anthropic-version", "2023-06-01")
        .containsEntry("anthropic-dangerous-direct-browser-access", "true")
        .doesNotContainKeys("authorization", "x-api-key");
    assertThat(call.dropped()).isEmpty();
    assertThat(request.source().body().path("model").asText()).isEqualTo("claude-opus-5-5");
  }

  private static ChatRequest request(List<Message> messages, List<ToolSpec> tools) {
    return new ChatRequest(
        "m",
        List.of(),
        messages,
        tools,
        dev.switchboard.wire.Controls.NONE,
        dev.switchboard.wire.RoutingHints.NONE,
        false,
        new ChatRequest.Source("openai", Json.object()));
  }

  private JsonNode body(String openAiJson) throws Exception {
    return Json.tree(encode(openAiJson).body());
  }

  private UpstreamCall encode(String openAiJson) throws WireException {
    ChatRequest request =
        new OpenAiFormat()
            .parseRequest(IngressRequest.of(openAiJson.getBytes(StandardCharsets.UTF_8)));
    return format.encodeRequest(request, TARGET);
  }
}
