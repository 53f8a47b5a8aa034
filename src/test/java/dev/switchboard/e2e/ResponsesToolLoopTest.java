package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.CustomToolInputFormat;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.CustomTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseCustomToolCall;
import com.openai.models.responses.ResponseCustomToolCallOutput;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.Tool;
import com.openai.models.responses.ToolChoiceOptions;
import dev.switchboard.sim.RecordedRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Tool loops through the Responses API, stateless (each turn resends the conversation): a function
 * call answered by its output, a freeform custom tool whose raw input survives the provider's
 * function-only dialect, and reasoning items whose encrypted content goes back to the provider
 * byte-exact.
 */
class ResponsesToolLoopTest {
  private static final List<String> MODELS = ResponsesSdk.MODELS;
  private static final String WEATHER = "What is the weather in Paris?";
  private static final String PATCH = "Add a README to the repository.";

  /** Codex's apply_patch grammar, shortened: the model writes a patch, not JSON. */
  private static final String GRAMMAR =
      "start: begin_patch hunk+ end_patch\n"
          + "begin_patch: \"*** Begin Patch\" LF\n"
          + "end_patch: \"*** End Patch\" LF?\n"
          + "hunk: \"*** Add File: \" filename LF (\"+\" /(.+)/ LF)+\n"
          + "filename: /(.+)/\n"
          + "%import common.LF\n";

  private final GatewayHarness harness = GatewayHarness.shared();
  private final OpenAIClient client = ResponsesSdk.client(harness.gateway.port(), harness.key);

  @ParameterizedTest
  @FieldSource("MODELS")
  void functionCall_isAnsweredByItsOutput(String model) {
    ResponseCreateParams.Builder turn =
        ResponsesSdk.ask(model, WEATHER)
            .addTool(ResponsesSdk.weatherTool())
            .toolChoice(ToolChoiceOptions.REQUIRED);
    Response call = client.responses().create(turn.build());
    ResponseFunctionToolCall function =
        only(call, ResponseOutputItem::isFunctionCall).asFunctionCall();
    assertThat(function.name()).isEqualTo("get_weather");
    assertThat(function.arguments()).contains("\"city\"");
    assertThat(function.callId()).isNotBlank();

    Response answer =
        client
            .responses()
            .create(
                turn.toolChoice(ToolChoiceOptions.AUTO)
                    .inputOfResponse(
                        ResponsesSdk.nextInput(
                            WEATHER, call, List.of(output(function.callId(), "18 C and sunny"))))
                    .build());
    assertThat(answer.status()).hasValue(ResponseStatus.COMPLETED);
    assertThat(ResponsesSdk.text(answer)).contains("18 C and sunny");
  }

  @ParameterizedTest
  @FieldSource("MODELS")
  void customTool_keepsItsRawInput_bothWays(String model) throws WireException {
    ResponseCreateParams.Builder turn =
        ResponsesSdk.ask(model, PATCH).addTool(patchTool()).toolChoice(ToolChoiceOptions.REQUIRED);
    harness.sim.clearRequests();
    Response call = client.responses().create(turn.build());
    ResponseCustomToolCall custom =
        only(call, ResponseOutputItem::isCustomToolCall).asCustomToolCall();
    assertThat(custom.name()).isEqualTo("apply_patch");
    // The provider saw a function of one string argument and answered {"input": ...}.
    String sent = lastUpstream().body();
    assertThat(sent).contains("apply_patch").contains("\"input\"").contains("lark grammar");
    assertThat(custom.input()).as("raw text, not the wrapped JSON").doesNotStartWith("{\"input\"");
    assertThat(custom.input()).isNotEmpty();

    harness.sim.clearRequests();
    Response answer =
        client
            .responses()
            .create(
                turn.toolChoice(ToolChoiceOptions.AUTO)
                    .inputOfResponse(
                        ResponsesSdk.nextInput(
                            PATCH,
                            call,
                            List.of(
                                ResponseInputItem.ofCustomToolCallOutput(
                                    ResponseCustomToolCallOutput.builder()
                                        .callId(custom.callId())
                                        .output("Done: README.md added")
                                        .build()))))
                    .build());
    assertThat(ResponsesSdk.text(answer)).contains("Done: README.md added");
    assertThat(wrappedInputs(Json.tree(lastUpstream().body())))
        .as("the call goes back to the provider wrapped, its raw input intact")
        .contains(custom.input());
  }

  /**
   * The "input" arguments of the calls a provider request replays: Anthropic's tool_use input
   * object, or OpenAI's arguments JSON text.
   */
  private static List<String> wrappedInputs(JsonNode body) throws WireException {
    List<String> inputs = new java.util.ArrayList<>();
    for (JsonNode input : body.findValues("input")) {
      if (input.path("input").isTextual()) {
        inputs.add(input.get("input").asText());
      }
    }
    for (JsonNode arguments : body.findValues("arguments")) {
      JsonNode parsed = Json.tree(arguments.asText());
      if (parsed.path("input").isTextual()) {
        inputs.add(parsed.get("input").asText());
      }
    }
    return inputs;
  }

  @Test
  void customTool_streams_withItsRawInput() {
    StringBuilder deltas = new StringBuilder();
    ResponseCustomToolCall[] done = new ResponseCustomToolCall[1];
    try (StreamResponse<ResponseStreamEvent> stream =
        client
            .responses()
            .createStreaming(
                ResponsesSdk.ask(ResponsesSdk.ANTHROPIC_FORMAT, PATCH)
                    .addTool(patchTool())
                    .toolChoice(ToolChoiceOptions.REQUIRED)
                    .build())) {
      stream.stream()
          .forEach(
              event -> {
                if (event.isCustomToolCallInputDelta()) {
                  deltas.append(event.asCustomToolCallInputDelta().delta());
                }
                if (event.isOutputItemDone()
                    && event.asOutputItemDone().item().isCustomToolCall()) {
                  done[0] = event.asOutputItemDone().item().asCustomToolCall();
                }
              });
    }
    assertThat(done[0]).isNotNull();
    assertThat(deltas.toString()).isEqualTo(done[0].input()).doesNotStartWith("{\"input\"");
  }

  @Test
  void reasoning_goesBackToTheProvider_byteExact() {
    ResponseCreateParams.Builder turn =
        ResponsesSdk.ask(ResponsesSdk.ANTHROPIC_FORMAT, WEATHER)
            .addTool(ResponsesSdk.weatherTool())
            .reasoning(Reasoning.builder().effort(ReasoningEffort.MEDIUM).build())
            .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT)
            .maxOutputTokens(4096);
    Response call = client.responses().create(turn.build());
    assertThat(call.output().getFirst().isReasoning())
        .as("reasoning first: %s", call.output())
        .isTrue();
    ResponseReasoningItem reasoning = call.output().getFirst().asReasoning();
    String encrypted = reasoning.encryptedContent().orElseThrow();
    String thought = reasoning.summary().getFirst().text();
    assertThat(thought).isNotBlank();
    ResponseFunctionToolCall function =
        only(call, ResponseOutputItem::isFunctionCall).asFunctionCall();

    harness.sim.clearRequests();
    Response answer =
        client
            .responses()
            .create(
                turn.inputOfResponse(
                        ResponsesSdk.nextInput(
                            WEATHER, call, List.of(output(function.callId(), "18 C and sunny"))))
                    .build());
    assertThat(ResponsesSdk.text(answer)).contains("18 C and sunny");
    String upstream = lastUpstream().body();
    assertThat(upstream)
        .as("the thinking block and its signature travel to the provider as they came")
        .contains("\"signature\":\"" + encrypted + "\"")
        .contains(Json.string(Json.object().put("thinking", thought)).replaceAll("^\\{|\\}$", ""));
    assertThat(upstream.indexOf("\"thinking\"")).isLessThan(upstream.indexOf("\"tool_use\""));
  }

  private static Tool patchTool() {
    return Tool.ofCustom(
        CustomTool.builder()
            .name("apply_patch")
            .description("Edit files by writing a patch.")
            .format(
                CustomToolInputFormat.ofGrammar(
                    CustomToolInputFormat.Grammar.builder()
                        .syntax(CustomToolInputFormat.Grammar.Syntax.LARK)
                        .definition(GRAMMAR)
                        .build()))
            .build());
  }

  private static ResponseInputItem output(String callId, String text) {
    return ResponseInputItem.ofFunctionCallOutput(
        ResponseInputItem.FunctionCallOutput.builder().callId(callId).output(text).build());
  }

  private static ResponseOutputItem only(
      Response response, java.util.function.Predicate<ResponseOutputItem> kind) {
    List<ResponseOutputItem> items = response.output().stream().filter(kind).toList();
    assertThat(items).as("output: %s", response.output()).hasSize(1);
    return items.getFirst();
  }

  private RecordedRequest lastUpstream() {
    List<RecordedRequest> requests = harness.sim.requests();
    assertThat(requests).isNotEmpty();
    return requests.getLast();
  }
}
