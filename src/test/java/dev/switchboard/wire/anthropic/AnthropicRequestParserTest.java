package dev.switchboard.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wire.CacheHint;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Media;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Reasoning;
import dev.switchboard.wire.Role;
import dev.switchboard.wire.ToolChoice;
import dev.switchboard.wire.ToolSpec;
import dev.switchboard.wire.WireException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicRequestParserTest {
  private final AnthropicFormat format = new AnthropicFormat();

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 6, 7})
  void acceptsEveryRecordedClaudeCodeRequest(int number) throws Exception {
    ChatRequest request = format.parseRequest(ClaudeCodeCapture.request(number));
    assertThat(request.tools()).hasSize(12);
    assertThat(request.messages())
        .extracting(Message::role)
        .containsExactly(Role.USER, Role.SYSTEM);
    assertThat(request.source().headers()).containsEntry("anthropic-version", "2023-06-01");
  }

  @Test
  void claudeCodesRequestBecomesTheCanonicalModel() throws Exception {
    ChatRequest request = format.parseRequest(ClaudeCodeCapture.request(1));
    assertThat(request.model()).isEqualTo("claude-opus-5-5");
    assertThat(request.stream()).isTrue();
    assertThat(request.maxOutputTokens()).isEqualTo(OptionalLong.of(128000));
    // The billing marker has no hint; the two prompt blocks carry Claude Code's breakpoints.
    assertThat(request.system())
        .extracting(part -> ((Part.Text) part).cache())
        .containsExactly(
            Optional.empty(), Optional.of(CacheHint.EPHEMERAL), Optional.of(CacheHint.EPHEMERAL));
    assertThat(((Part.Text) request.system().getFirst()).text())
        .startsWith("x-anthropic-billing-header:");
    Message system = request.messages().get(1);
    assertThat(system.text()).startsWith("# Environment");
    assertThat(((Part.Text) system.parts().getFirst()).cache()).contains(CacheHint.EPHEMERAL);
    assertThat(request.messages().getFirst().parts()).hasSize(2);
    assertThat(request.tools())
        .extracting(ToolSpec::name)
        .containsExactly(
            "Agent",
            "Bash",
            "Edit",
            "ListAgents",
            "Read",
            "ReportFindings",
            "ScheduleWakeup",
            "Skill",
            "ToolSearch",
            "Workflow",
            "DeferredToolPlaceholder",
            "Write");
    assertThat(request.tools()).allMatch(tool -> tool.builtin().isEmpty());
    assertThat(request.controls().reasoning())
        .contains(new Reasoning(true, Optional.of("medium"), OptionalLong.empty()));
    assertThat(request.controls().user().orElseThrow()).contains("\"device_id\"");
    assertThat(request.source().headers())
        .containsOnlyKeys(
            "anthropic-version", "anthropic-beta", "anthropic-dangerous-direct-browser-access");
    assertThat(request.source().headers().get("anthropic-beta"))
        .startsWith("claude-code-20250219,interleaved-thinking-2025-05-14");
    // Unknown fields stay in the source for an Anthropic upstream.
    assertThat(request.source().body().has("context_management")).isTrue();
    assertThat(request.source().untranslated()).containsExactly("context_management");
    assertThat(request.source().body().at("/tools/10/defer_loading").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cache-usage",
        "document",
        "error-in-stream",
        "image",
        "max-tokens",
        "pause-turn",
        "redacted-thinking-stream",
        "stop-sequence",
        "text",
        "text-stream",
        "thinking-stream",
        "tool-error-result",
        "tool-result-turn",
        "tools"
      })
  void acceptsEveryRecordedClientRequest(String scenario) throws Exception {
    ChatRequest request =
        format.parseRequest(
            IngressRequest.of(Fixtures.bytes("anthropic", scenario, "client-request.json")));
    assertThat(request.messages()).isNotEmpty();
  }

  @Test
  void toolResultsBecomeToolMessages_splitAroundTheUserText() throws Exception {
    ChatRequest request =
        parse(
            """
            {"model":"m","max_tokens":10,"messages":[
              {"role":"user","content":[
                {"type":"text","text":"before"},
                {"type":"tool_result","tool_use_id":"t1","content":"42","is_error":true},
                {"type":"tool_result","tool_use_id":"t2","content":[{"type":"text","text":"x"}]},
                {"type":"text","text":"after"}]}]}""");
    assertThat(request.messages())
        .extracting(Message::role)
        .containsExactly(Role.USER, Role.TOOL, Role.USER);
    Part.ToolResult first = (Part.ToolResult) request.messages().get(1).parts().getFirst();
    assertThat(first.isError()).isTrue();
    assertThat(first.text()).isEqualTo("42");
    assertThat(request.messages().get(1).parts()).hasSize(2);
  }

  @Test
  void readsEveryBlockKind() throws Exception {
    ChatRequest request =
        format.parseRequest(
            IngressRequest.of(Fixtures.bytes("anthropic", "image", "client-request.json")));
    List<Part> parts = request.messages().getFirst().parts();
    assertThat(((Part.Image) parts.get(1)).media()).isInstanceOf(Media.Url.class);
    assertThat(((Part.Image) parts.get(2)).media())
        .isEqualTo(
            new Media.Inline(
                "image/png",
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC"));
    ChatRequest turn =
        parse(
            """
            {"model":"m","max_tokens":10,"messages":[{"role":"assistant","content":[
              {"type":"thinking","thinking":"hmm","signature":"c2ln"},
              {"type":"redacted_thinking","data":"ZGF0YQ=="},
              {"type":"tool_use","id":"t1","name":"f","input":{"a":1}},
              {"type":"server_tool_use","id":"s1","name":"web_search","input":{}},
              {"type":"document","source":{"type":"text","media_type":"text/plain","data":"hi"},"title":"T"}]}]}""");
    assertThat(turn.messages().getFirst().parts())
        .containsExactly(
            new Part.Thinking("hmm", "c2ln"),
            new Part.RedactedThinking("ZGF0YQ=="),
            new Part.ToolUse("t1", "f", "{\"a\":1}"),
            new Part.Opaque(
                "anthropic", "server_tool_use", turn.source().body().at("/messages/0/content/3")),
            new Part.Document(
                new Media.Inline("text/plain", "aGk="), Optional.of("T"), Optional.empty()));
  }

  @Test
  void readsTheControls() throws Exception {
    ChatRequest request =
        parse(
            """
            {"model":"m","max_tokens":100,"messages":[{"role":"user","content":"hi"}],
             "temperature":0.5,"top_p":0.9,"top_k":40,"stop_sequences":["END"],
             "tools":[{"name":"f","input_schema":{"type":"object"}}],
             "tool_choice":{"type":"tool","name":"f","disable_parallel_tool_use":true},
             "thinking":{"type":"enabled","budget_tokens":2048},
             "output_config":{"format":{"type":"json_schema","schema":{"type":"object"}}}}""");
    var controls = request.controls();
    assertThat(controls.temperature().getAsDouble()).isEqualTo(0.5);
    assertThat(controls.topK()).isEqualTo(OptionalLong.of(40));
    assertThat(controls.stop()).containsExactly("END");
    assertThat(controls.toolChoice()).isEqualTo(ToolChoice.named("f"));
    assertThat(controls.parallelToolCalls()).contains(false);
    assertThat(controls.reasoning()).contains(Reasoning.budget(2048));
    assertThat(controls.responseFormat().schema()).isPresent();
    assertThat(parse(body("\"thinking\":{\"type\":\"disabled\"}")).controls().reasoning())
        .contains(Reasoning.OFF);
    assertThat(parse(body("\"tool_choice\":{\"type\":\"any\"}")).controls().toolChoice())
        .isEqualTo(ToolChoice.REQUIRED);
  }

  @Test
  void keepsServerToolsAsBuiltins_whichOtherFormatsRefuse() throws Exception {
    ChatRequest request =
        parse(body("\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]"));
    ToolSpec tool = request.tools().getFirst();
    assertThat(tool.builtin()).isPresent();
    tool.requireFunction("anthropic");
    assertThatThrownBy(() -> tool.requireFunction("openai"))
        .isInstanceOf(WireException.class)
        .hasMessageContaining("web_search_20250305");
  }

  @Test
  void errorsNameTheField() {
    assertRefused("{\"model\":\"m\",\"messages\":[{}]}", "max_tokens: Field required");
    assertRefused(body("\"messages\":[]"), "messages: at least one message");
    assertRefused("{\"max_tokens\":1,\"messages\":[]}", "model: Field required");
    assertRefused(body("\"temperature\":\"hot\""), "temperature: expected a number");
    assertRefused(
        "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"bot\",\"content\":\"x\"}]}",
        "messages[0].role");
    assertRefused(
        "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}",
        "messages[0].content[0].text: required");
    assertRefused(
        "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"data\":\"x\"}}]}]}",
        "messages[0].content[0].source.media_type");
    assertRefused(body("\"max_tokens\":0"), "max_tokens: must be at least 1");
    assertRefused(body("\"tool_choice\":{\"type\":\"maybe\"}"), "tool_choice.type");
    assertRefused(body("\"thinking\":{\"type\":\"enabled\"}"), "thinking.budget_tokens");
    assertRefused(body("\"tools\":[{\"name\":\"f\"}]"), "tools[0].input_schema");
    assertRefused(
        body("\"system\":[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"u\"}}]"),
        "system[0]");
  }

  @Test
  void forwardsEveryAnthropicHeader_butNoOther() throws Exception {
    ChatRequest request =
        format.parseRequest(
            new IngressRequest(
                "/v1/messages",
                Map.of(
                    "anthropic-beta", "next-beta-2027-01-01",
                    "anthropic-version", "2023-06-01",
                    "x-api-key", "sk-ant-secret",
                    "authorization", "Bearer secret"),
                body("").getBytes(StandardCharsets.UTF_8)));
    assertThat(request.source().headers()).containsOnlyKeys("anthropic-beta", "anthropic-version");
  }

  private ChatRequest parse(String json) throws WireException {
    return format.parseRequest(IngressRequest.of(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** A minimal valid body with {@code extra} fields (later keys win). */
  private static String body(String extra) {
    return "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  private void assertRefused(String json, String message) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(WireException.class)
        .hasMessageContaining(message);
  }
}
