package dev.switchboard.wire.responses;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.Freeform;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Role;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the conformance fixtures do not pin down: item grouping, the event sequence, freeform. */
class ResponsesFormatTest {
  private final WireFormat format = WireFormats.find("responses").orElseThrow();

  @Test
  void aToolLoopsItems_becomeTurns_inOrder() throws WireException {
    ChatRequest request =
        parse(
            """
            {"model":"m","instructions":"Be brief.","input":[
              {"role":"developer","content":"Codex rules"},
              {"role":"user","content":[{"type":"input_text","text":"Patch it"}]},
              {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"think"}],
               "encrypted_content":"c2ln"},
              {"type":"custom_tool_call","call_id":"c1","name":"apply_patch","input":"*** Begin"},
              {"type":"custom_tool_call_output","call_id":"c1","output":"ok"},
              {"type":"reasoning","id":"rs_2","summary":[],"encrypted_content":"redacted:ZGF0YQ=="},
              {"role":"assistant","content":[{"type":"output_text","text":"Done"}]}],
             "tools":[{"type":"custom","name":"apply_patch","format":{"type":"grammar",
               "syntax":"lark","definition":"start: /.+/"}},
              {"type":"namespace","name":"agents","tools":[{"type":"function","name":"spawn",
               "parameters":{"type":"object"}}]},
              {"type":"web_search"}]}
            """);
    assertThat(request.system())
        .extracting(part -> ((Part.Text) part).text())
        .containsExactly("Be brief.", "Codex rules");
    assertThat(request.messages())
        .extracting(Message::role)
        .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT);
    assertThat(request.messages().get(1).parts())
        .containsExactly(
            new Part.Thinking("think", "c2ln"),
            new Part.ToolUse("c1", "apply_patch", Freeform.wrap("*** Begin")));
    assertThat(request.messages().get(3).parts())
        .containsExactly(new Part.RedactedThinking("ZGF0YQ=="), Part.Text.of("Done"));
    assertThat(request.tools())
        .extracting(tool -> tool.name())
        .containsExactly("apply_patch", "spawn");
    assertThat(request.tools().getFirst().description().orElseThrow()).contains("start: /.+/");
    assertThat(request.source().untranslated()).containsExactly("tools.web_search");
  }

  @Test
  void aStream_isTheApisEventSequence_numberedFromZero() throws WireException {
    ChatRequest request =
        parse(
            "{\"model\":\"m\",\"input\":\"x\",\"stream\":true,\"tools\":[{\"type\":\"custom\","
                + "\"name\":\"apply_patch\"},{\"type\":\"namespace\",\"name\":\"agents\",\"tools\":"
                + "[{\"type\":\"function\",\"name\":\"spawn\"}]}]}");
    List<JsonNode> events =
        encode(
            request,
            new ChatEvent.Started("up", 1, "up-model"),
            new ChatEvent.ReasoningDelta(0, "hm"),
            new ChatEvent.ReasoningSignature(0, "sig"),
            new ChatEvent.BlockStopped(0),
            new ChatEvent.ToolCallStarted(1, "c1", "apply_patch"),
            new ChatEvent.ToolArgumentsDelta(1, "{\"input\":\"*** Be"),
            new ChatEvent.ToolArgumentsDelta(1, "gin\\n\"}"),
            new ChatEvent.ToolCallStarted(2, "c2", "spawn"),
            new ChatEvent.ToolArgumentsDelta(2, "{}"),
            new ChatEvent.Finished(Finish.of(FinishReason.TOOL_CALLS, "tool_use")));
    assertThat(events)
        .extracting(event -> event.path("type").asText())
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.reasoning_summary_part.added",
            "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done",
            "response.reasoning_summary_part.done",
            "response.output_item.done",
            "response.output_item.added",
            "response.custom_tool_call_input.delta",
            "response.custom_tool_call_input.done",
            "response.output_item.done",
            "response.output_item.added",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.done",
            "response.output_item.done",
            "response.completed");
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).path("sequence_number").asInt()).isEqualTo(i);
    }
    JsonNode output = events.getLast().path("response").path("output");
    assertThat(output.get(0).path("encrypted_content").asText()).isEqualTo("sig");
    assertThat(output.get(1).path("type").asText()).isEqualTo("custom_tool_call");
    assertThat(output.get(1).path("input").asText()).isEqualTo("*** Begin\n");
    assertThat(output.get(2).path("namespace").asText()).isEqualTo("agents");
    assertThat(events.getLast().path("response").path("usage").path("total_tokens").asLong())
        .isEqualTo(15);
  }

  @Test
  void aFailure_isAnErrorEvent_thenResponseFailed() throws WireException {
    ChatRequest request = parse("{\"model\":\"m\",\"input\":\"x\",\"stream\":true}");
    StreamEncoder encoder = format.newStreamEncoder(request);
    List<JsonNode> events = new ArrayList<>();
    encoder.fail(
        GatewayError.of(ErrorKind.UPSTREAM_FAILED, "the provider failed"),
        event -> events.add(tree(event.data())));
    assertThat(events)
        .extracting(event -> event.path("type").asText())
        .containsExactly("response.created", "response.in_progress", "error", "response.failed");
    assertThat(events.getLast().path("response").path("error").path("message").asText())
        .isEqualTo("the provider failed");
    assertThat(events)
        .allMatch(event -> !event.has("error"), "no top-level error field (SDKs throw)");
  }

  @Test
  void aCallThatIgnoredTheWrapping_keepsItsArguments() {
    assertThat(Freeform.unwrap("{\"input\":\"raw\"}")).isEqualTo("raw");
    assertThat(Freeform.unwrap("not json")).isEqualTo("not json");
    assertThat(Freeform.unwrap("{\"patch\":\"x\"}")).isEqualTo("{\"patch\":\"x\"}");
  }

  private ChatRequest parse(String body) throws WireException {
    return format.parseRequest(
        new IngressRequest("/v1/responses", java.util.Map.of(), body.getBytes(UTF_8)));
  }

  private List<JsonNode> encode(ChatRequest request, ChatEvent... canonical) {
    StreamEncoder encoder = format.newStreamEncoder(request);
    encoder.identify("gen-1", 1, "catalog/model");
    List<JsonNode> events = new ArrayList<>();
    for (ChatEvent event : canonical) {
      encoder.encode(event, out -> events.add(tree(out.data())));
    }
    encoder.complete(Usage.reported(10, 5, 0, 0), out -> events.add(tree(out.data())));
    return events;
  }

  private static JsonNode tree(String json) {
    try {
      return Json.tree(json);
    } catch (WireException e) {
      throw new AssertionError(e);
    }
  }
}
