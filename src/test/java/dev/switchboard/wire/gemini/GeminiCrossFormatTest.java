package dev.switchboard.wire.gemini;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.AuthScheme;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Controls;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Reasoning;
import dev.switchboard.wire.Role;
import dev.switchboard.wire.RoutingHints;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.UpstreamCall;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.openai.OpenAiFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Requests of other formats written for Gemini, and Gemini's answers for other formats' clients.
 */
class GeminiCrossFormatTest {
  private static final String OPENAI_TOOL_TURN =
      """
      {"model":"google/gemini-3-pro-preview","stream":true,
       "messages":[
        {"role":"system","content":"Be brief."},
        {"role":"user","content":[{"type":"text","text":"Weather in Paris and Rome?"},
          {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]},
        {"role":"assistant","content":null,"tool_calls":[
          {"id":"call_a","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
          {"id":"call_b","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
        {"role":"tool","tool_call_id":"call_a","content":"{\\"temp\\":21}"},
        {"role":"tool","tool_call_id":"call_b","content":"sunny"},
        {"role":"user","content":"And tomorrow?"}],
       "tools":[{"type":"function","function":{"name":"weather","description":"Weather now",
         "parameters":{"type":"object","properties":{"city":{"type":"string"}},"additionalProperties":false}}}],
       "tool_choice":"required","parallel_tool_calls":false,"reasoning_effort":"low",
       "response_format":{"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object"}}},
       "max_completion_tokens":900,"temperature":0.2,"stop":["END"],"user":"u-1"}
      """;

  private final GeminiFormat gemini = new GeminiFormat();

  @Test
  void anOpenAiToolTurnBecomesAGeminiBody() throws Exception {
    ChatRequest request =
        new OpenAiFormat().parseRequest(IngressRequest.of(OPENAI_TOOL_TURN.getBytes(UTF_8)));
    UpstreamCall call = gemini.encodeRequest(request, new UpstreamTarget("gemini-3-pro-preview"));
    assertThat(call.path()).isEqualTo("/models/gemini-3-pro-preview:streamGenerateContent?alt=sse");
    assertThat(call.auth()).isEqualTo(AuthScheme.X_GOOG_API_KEY);
    assertThat(call.dropped()).containsExactly("parallel_tool_calls", "user");
    JsonNode body = Json.tree(call.body());
    assertThat(body.path("systemInstruction").toString())
        .isEqualTo("{\"parts\":[{\"text\":\"Be brief.\"}]}");
    JsonNode contents = body.path("contents");
    assertThat(contents).hasSize(3);
    assertThat(contents.get(0).path("parts").get(1).toString())
        .isEqualTo("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}");
    JsonNode model = contents.get(1);
    assertThat(model.path("role").asText()).isEqualTo("model");
    // No signature from another model: the first call carries Gemini's documented dummy.
    assertThat(model.path("parts").get(0).toString())
        .isEqualTo(
            "{\"functionCall\":{\"id\":\"call_a\",\"name\":\"weather\",\"args\":{\"city\":\"Paris\"}},"
                + "\"thoughtSignature\":\"skip_thought_signature_validator\"}");
    assertThat(model.path("parts").get(1).has("thoughtSignature")).isFalse();
    // Both results in one user turn, named after their calls, as objects; then the next question.
    JsonNode user = contents.get(2).path("parts");
    assertThat(user.get(0).toString())
        .isEqualTo(
            "{\"functionResponse\":{\"id\":\"call_a\",\"name\":\"weather\",\"response\":{\"temp\":21}}}");
    assertThat(user.get(1).toString())
        .isEqualTo(
            "{\"functionResponse\":{\"id\":\"call_b\",\"name\":\"weather\",\"response\":{\"result\":\"sunny\"}}}");
    assertThat(user.get(2).toString()).isEqualTo("{\"text\":\"And tomorrow?\"}");
    assertThat(body.path("tools").get(0).path("functionDeclarations").get(0).toString())
        .isEqualTo(
            "{\"name\":\"weather\",\"description\":\"Weather now\",\"parametersJsonSchema\":"
                + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"additionalProperties\":false}}");
    assertThat(body.path("toolConfig").toString())
        .isEqualTo("{\"functionCallingConfig\":{\"mode\":\"ANY\"}}");
    assertThat(body.path("generationConfig").toString())
        .isEqualTo(
            "{\"maxOutputTokens\":900,\"temperature\":0.2,\"stopSequences\":[\"END\"],"
                + "\"responseMimeType\":\"application/json\",\"responseJsonSchema\":{\"type\":\"object\"},"
                + "\"thinkingConfig\":{\"includeThoughts\":true,\"thinkingLevel\":\"low\"}}");
  }

  @Test
  void gemini25TakesABudgetAndCanSwitchThinkingOff() throws Exception {
    assertThat(thinking(Reasoning.effort("medium"), "gemini-2.5-flash"))
        .isEqualTo("{\"includeThoughts\":true,\"thinkingBudget\":8192}");
    assertThat(thinking(Reasoning.budget(2000), "gemini-3-flash-preview"))
        .isEqualTo("{\"includeThoughts\":true,\"thinkingBudget\":2000}");
    assertThat(thinking(Reasoning.OFF, "gemini-2.5-flash")).isEqualTo("{\"thinkingBudget\":0}");
    assertThat(thinking(Reasoning.OFF, "gemini-3-pro-preview"))
        .isEqualTo("{\"thinkingLevel\":\"low\"}");
    assertThat(thinking(Reasoning.ADAPTIVE, "gemini-2.5-pro"))
        .isEqualTo("{\"includeThoughts\":true,\"thinkingBudget\":-1}");
    assertThat(thinking(Reasoning.effort("max"), "gemini-3-pro-preview"))
        .isEqualTo("{\"includeThoughts\":true,\"thinkingLevel\":\"high\"}");
  }

  private String thinking(Reasoning reasoning, String model) throws Exception {
    ChatRequest request =
        request(
            List.of(Message.text(Role.USER, "hi")),
            Controls.builder().reasoning(Optional.of(reasoning)).build());
    JsonNode body = Json.tree(gemini.encodeRequest(request, new UpstreamTarget(model)).body());
    return body.path("generationConfig").path("thinkingConfig").toString();
  }

  @Test
  void aGeminiSignatureTravelsBackOnTheCallItCameWith() throws Exception {
    // A Gemini tool turn as another format's client holds it: the signature in a thinking block
    // before the call (what the decoder gave that client), then the result.
    String signature = "Et8ECtwEAXLI2ny+/w==";
    ChatRequest request =
        request(
            List.of(
                Message.text(Role.USER, "Country?"),
                new Message(
                    Role.ASSISTANT,
                    List.of(
                        new Part.Thinking("I should call it.", signature),
                        new Part.ToolUse("toolu_1", "get_country", "{}"))),
                new Message(
                    Role.TOOL,
                    List.of(
                        new Part.ToolResult(
                            "toolu_1", List.of(Part.Text.of("Mexico")), true, Optional.empty())))),
            Controls.NONE);
    JsonNode contents =
        Json.tree(gemini.encodeRequest(request, new UpstreamTarget("gemini-3-pro-preview")).body())
            .path("contents");
    JsonNode parts = contents.get(1).path("parts");
    assertThat(parts.get(0).toString())
        .isEqualTo("{\"text\":\"I should call it.\",\"thought\":true}");
    assertThat(parts.get(1).path("thoughtSignature").asText()).isEqualTo(signature);
    assertThat(contents.get(2).path("parts").get(0).toString())
        .isEqualTo(
            "{\"functionResponse\":{\"id\":\"toolu_1\",\"name\":\"get_country\",\"response\":{\"error\":\"Mexico\"}}}");
  }

  @Test
  void aRecordedGeminiToolTurnRoundTripsThroughTheCanonicalModel() throws Exception {
    ChatRequest parsed = GeminiRequestParserTest.fixture("tool-result-turn");
    JsonNode original = parsed.source().body().path("contents");
    JsonNode rebuilt =
        new GeminiRequestWriter().write(parsed, "gemini-3-pro-preview").path("contents");
    JsonNode call = rebuilt.get(1).path("parts").get(0);
    assertThat(call.path("functionCall").path("name").asText()).isEqualTo("get_country");
    // The same bytes as sent, in Gemini's own base64 alphabet.
    assertThat(java.util.Base64.getDecoder().decode(call.path("thoughtSignature").asText()))
        .isEqualTo(
            java.util.Base64.getUrlDecoder()
                .decode(original.get(1).path("parts").get(0).path("thoughtSignature").asText()));
    assertThat(rebuilt.get(2).path("parts").get(0).path("functionResponse").toString())
        .isEqualTo(original.get(2).path("parts").get(0).path("functionResponse").toString());
  }

  @Test
  void aResultForAnUnknownCallAndAForeignBuiltinToolAreRefusedByName() {
    ChatRequest orphan =
        request(
            List.of(
                new Message(
                    Role.TOOL,
                    List.of(
                        new Part.ToolResult(
                            "call_gone", List.of(Part.Text.of("x")), false, Optional.empty())))),
            Controls.NONE);
    assertThatThrownBy(() -> gemini.encodeRequest(orphan, new UpstreamTarget("gemini-2.5-flash")))
        .isInstanceOf(WireException.class)
        .hasMessageContaining("call_gone")
        .hasMessageContaining("function's name");
  }

  @Test
  void anAnswerStreamedToAGeminiClientReadsBackAsTheSameAnswer() throws Exception {
    // Events as an Anthropic upstream gives them: signed thinking, text, a tool call in pieces.
    List<ChatEvent> events =
        List.of(
            new ChatEvent.Started("msg_1", 0, "claude"),
            new ChatEvent.ReasoningDelta(0, "Let me "),
            new ChatEvent.ReasoningDelta(0, "think."),
            new ChatEvent.ReasoningSignature(0, "EqQBCkYIBxgC"),
            new ChatEvent.BlockStopped(0),
            new ChatEvent.TextDelta(1, "Calling."),
            new ChatEvent.ToolCallStarted(2, "toolu_9", "weather"),
            new ChatEvent.ToolArgumentsDelta(2, "{\"city\":"),
            new ChatEvent.ToolArgumentsDelta(2, "\"Oslo\"}"),
            new ChatEvent.BlockStopped(2),
            new ChatEvent.UsageReported(Usage.reported(10, 5, 0, 2)),
            new ChatEvent.Finished(Finish.of(FinishReason.TOOL_CALLS, "tool_use")));
    StreamEncoder encoder = gemini.newStreamEncoder(request(List.of(), Controls.NONE));
    encoder.identify("gen-7", 0, "anthropic/claude-sonnet-4.6");
    List<SseEvent> chunks = new ArrayList<>();
    events.forEach(event -> encoder.encode(event, chunks::add));
    encoder.complete(Usage.reported(10, 5, 0, 2), chunks::add);
    assertThat(chunks).allMatch(chunk -> chunk.data().contains("\"responseId\":\"gen-7\""));
    JsonNode last = Json.tree(chunks.getLast().data());
    assertThat(last.path("candidates").get(0).path("finishReason").asText()).isEqualTo("STOP");
    assertThat(last.path("usageMetadata").toString())
        .isEqualTo(
            "{\"promptTokenCount\":10,\"candidatesTokenCount\":3,\"totalTokenCount\":15,\"thoughtsTokenCount\":2}");
    List<ChatEvent> back = new ArrayList<>();
    GeminiStreamDecoder decoder = new GeminiStreamDecoder();
    for (SseEvent chunk : chunks) {
      decoder.decode(chunk, back::add);
    }
    assertThat(GeminiStreams.reasoning(back)).isEqualTo("Let me think.");
    assertThat(back).contains(new ChatEvent.ReasoningSignature(0, "EqQBCkYIBxgC"));
    assertThat(GeminiStreams.text(back)).isEqualTo("Calling.");
    assertThat(back).contains(new ChatEvent.ToolCallStarted(2, "toolu_9", "weather"));
    assertThat(back).contains(new ChatEvent.ToolArgumentsDelta(2, "{\"city\":\"Oslo\"}"));
    assertThat(back.getLast())
        .isEqualTo(new ChatEvent.Finished(Finish.of(FinishReason.TOOL_CALLS, "STOP")));
  }

  private static ChatRequest request(List<Message> messages, Controls controls) {
    return new ChatRequest(
        "m",
        List.of(),
        messages,
        List.of(),
        controls,
        RoutingHints.NONE,
        false,
        new ChatRequest.Source("anthropic", Json.object(), Map.of()));
  }
}
