package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ThinkingBlock;
import com.anthropic.models.messages.ToolUseBlock;
import dev.switchboard.sim.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Extended thinking through the official Anthropic SDK to the Claude deployment: the thinking block
 * comes back signed, and sending it back with the tool result (as the SDK's users must) is accepted
 * and reaches the provider with the signature unchanged.
 */
class AnthropicSdkThinkingTest {
  private final GatewayHarness harness = GatewayHarness.shared();
  private final AnthropicClient client =
      AnthropicSdk.withApiKey(harness.gateway.port(), harness.key);

  @Test
  void thinkingBlock_isSigned_andAcceptedBackWithTheToolResult() {
    MessageCreateParams.Builder turn = thinkingTurn();
    Message call = client.messages().create(turn.build());

    ThinkingBlock thinking = thinking(call);
    assertThat(thinking.thinking()).isNotBlank();
    assertThat(thinking.signature()).isNotBlank();
    assertThat(call.stopReason()).hasValue(StopReason.TOOL_USE);
    ToolUseBlock use =
        call.content().stream()
            .filter(ContentBlock::isToolUse)
            .findFirst()
            .orElseThrow()
            .asToolUse();

    harness.sim.clearRequests();
    Message answer =
        client
            .messages()
            .create(
                turn.addMessage(call)
                    .addUserMessageOfContentBlockParams(
                        List.of(AnthropicSdkTest.result(use.id(), "18 C and sunny")))
                    .build());

    assertThat(answer.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(AnthropicSdk.text(answer)).contains("18 C and sunny");
    List<RecordedRequest> upstream = harness.sim.requests();
    assertThat(upstream).hasSize(1);
    assertThat(upstream.getFirst().body())
        .as("the signature travels to the provider byte-exact")
        .contains("\"signature\":\"" + thinking.signature() + "\"");
  }

  @Test
  void streamedThinking_arrivesAsDeltas_withItsSignature() {
    AnthropicSdk.Streamed streamed = AnthropicSdk.stream(client, thinkingTurn().build());

    assertThat(streamed.stopped()).isTrue();
    assertThat(streamed.events())
        .anyMatch(e -> e.contentBlockDelta().filter(d -> d.delta().isThinking()).isPresent())
        .anyMatch(e -> e.contentBlockDelta().filter(d -> d.delta().isSignature()).isPresent());
    ThinkingBlock thinking = thinking(streamed.message());
    assertThat(thinking.thinking()).isNotBlank();
    assertThat(thinking.signature()).isNotBlank();
  }

  /**
   * DeepSeek's reasoning has no signature: an unsigned thinking block, accepted back as it came.
   */
  @Test
  void deepSeekReasoning_isAnUnsignedThinkingBlock_acceptedBack() {
    MessageCreateParams.Builder turn = thinkingTurn(AnthropicSdk.DEEPSEEK);
    Message call = client.messages().create(turn.build());

    ThinkingBlock thinking = thinking(call);
    assertThat(thinking.thinking()).isNotBlank();
    assertThat(thinking.signature()).isEmpty();
    ToolUseBlock use =
        call.content().stream()
            .filter(ContentBlock::isToolUse)
            .findFirst()
            .orElseThrow()
            .asToolUse();
    Message answer =
        client
            .messages()
            .create(
                turn.addMessage(call)
                    .addUserMessageOfContentBlockParams(
                        List.of(AnthropicSdkTest.result(use.id(), "18 C and sunny")))
                    .build());

    assertThat(AnthropicSdk.text(answer)).contains("18 C and sunny");
  }

  private static MessageCreateParams.Builder thinkingTurn() {
    return thinkingTurn(AnthropicSdk.CLAUDE);
  }

  private static MessageCreateParams.Builder thinkingTurn(String model) {
    return AnthropicSdk.ask(model, "What is the weather in Paris?")
        .maxTokens(4096)
        .enabledThinking(2048)
        .addTool(AnthropicSdk.weatherTool());
  }

  private static ThinkingBlock thinking(Message message) {
    assertThat(message.content()).isNotEmpty();
    ContentBlock first = message.content().getFirst();
    assertThat(first.isThinking()).as("thinking comes first: %s", message.content()).isTrue();
    return first.asThinking();
  }
}
