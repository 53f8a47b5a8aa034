package dev.switchboard.e2e;

import static dev.switchboard.e2e.AnthropicSdk.CLAUDE;
import static dev.switchboard.e2e.AnthropicSdk.DEEPSEEK;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.BetaMessageAccumulator;
import com.anthropic.models.beta.messages.BetaContentBlock;
import com.anthropic.models.beta.messages.BetaMessage;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.beta.messages.BetaStopReason;
import com.anthropic.models.beta.messages.MessageCreateParams;
import dev.switchboard.sim.RecordedRequest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SDK's beta messages service the way Claude Code calls it: {@code POST /v1/messages?beta=true}
 * with an {@code anthropic-beta} header, which the gateway passes on unchanged to an Anthropic
 * provider.
 */
class AnthropicSdkBetaTest {
  private static final String BETA = "interleaved-thinking-2025-05-14";
  private final GatewayHarness harness = GatewayHarness.shared();
  private final AnthropicClient client =
      AnthropicSdk.withAuthToken(harness.gateway.port(), harness.key);

  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, DEEPSEEK})
  void answersABetaMessage(String model) {
    BetaMessage message = client.beta().messages().create(params(model));

    assertThat(text(message)).isNotBlank();
    assertThat(message.stopReason()).hasValue(BetaStopReason.END_TURN);
    assertThat(message.usage().outputTokens()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, DEEPSEEK})
  void streamsABetaMessage(String model) {
    BetaMessageAccumulator accumulator = BetaMessageAccumulator.create();
    boolean stopped;
    try (StreamResponse<BetaRawMessageStreamEvent> stream =
        client.beta().messages().createStreaming(params(model))) {
      stopped =
          stream.stream()
              .map(accumulator::accumulate)
              .anyMatch(BetaRawMessageStreamEvent::isMessageStop);
    }

    assertThat(stopped).isTrue();
    assertThat(text(accumulator.message())).isNotBlank();
    assertThat(accumulator.message().usage().outputTokens()).isPositive();
  }

  @Test
  void passesTheBetaHeaderToClaude() {
    harness.sim.clearRequests();

    client.beta().messages().create(params(CLAUDE));

    RecordedRequest upstream = harness.sim.requests().getFirst();
    assertThat(upstream.header("anthropic-beta")).contains(BETA);
  }

  private static MessageCreateParams params(String model) {
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(256)
        .system("You are terse.")
        .addUserMessage("What is a router?")
        .addBeta(BETA)
        // Claude Code's TypeScript SDK sends ?beta=true; the Java SDK leaves it out.
        .putAdditionalQueryParam("beta", "true")
        .build();
  }

  private static String text(BetaMessage message) {
    return message.content().stream()
        .filter(BetaContentBlock::isText)
        .map(block -> block.asText().text())
        .collect(Collectors.joining());
  }
}
