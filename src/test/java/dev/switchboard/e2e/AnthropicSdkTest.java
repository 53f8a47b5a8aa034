package dev.switchboard.e2e;

import static dev.switchboard.e2e.AnthropicSdk.CLAUDE;
import static dev.switchboard.e2e.AnthropicSdk.DEEPSEEK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official Anthropic Java SDK against {@code /v1/messages}, routed to a provider that speaks
 * Anthropic (Claude, relayed in its own format) and to one that speaks OpenAI (DeepSeek, translated
 * both ways): each client-visible behaviour must look native either way.
 */
class AnthropicSdkTest {
  private final GatewayHarness harness = GatewayHarness.shared();
  private final AnthropicClient client =
      AnthropicSdk.withApiKey(harness.gateway.port(), harness.key);

  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, DEEPSEEK})
  void answersAMessage(String model) {
    Message message =
        client.messages().create(AnthropicSdk.ask(model, "What is a router?").build());

    assertThat(AnthropicSdk.text(message)).isNotBlank();
    assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(message.usage().inputTokens()).isPositive();
    assertThat(message.usage().outputTokens()).isPositive();
    assertThat(message.id()).isNotBlank();
  }

  /** Issue 7: a translated answer must be indistinguishable from a native one. */
  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, DEEPSEEK})
  void messageIds_lookLikeAnthropics(String model) {
    MessageCreateParams params = AnthropicSdk.ask(model, "Hello").build();
    String unary = client.messages().create(params).id();
    String streamed = AnthropicSdk.stream(client, params).message().id();

    assertThat(List.of(unary, streamed))
        .as("Anthropic message ids start with msg_ (DeepSeek's come through as chatcmpl-)")
        .allMatch(id -> id.startsWith("msg_"));
  }

  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, DEEPSEEK})
  void streamsAMessage_accumulatedByTheSdk(String model) {
    AnthropicSdk.Streamed streamed =
        AnthropicSdk.stream(client, AnthropicSdk.ask(model, "What is a router?").build());

    assertThat(streamed.stopped()).as("message_stop arrived").isTrue();
    assertThat(streamed.deltaText()).isNotBlank();
    assertThat(AnthropicSdk.text(streamed.message())).isEqualTo(streamed.deltaText());
    assertThat(streamed.message().stopReason()).hasValue(StopReason.END_TURN);
    Usage usage = streamed.message().usage();
    assertThat(usage.inputTokens()).isPositive();
    assertThat(usage.outputTokens()).as("final usage from message_delta").isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, DEEPSEEK})
  void callsATool_andAnswersItsResult(String model) {
    MessageCreateParams.Builder turn =
        AnthropicSdk.ask(model, "What is the weather in Paris?")
            .addTool(AnthropicSdk.weatherTool());
    Message call = client.messages().create(turn.build());

    assertThat(call.stopReason()).hasValue(StopReason.TOOL_USE);
    ToolUseBlock use = toolUse(call);
    assertThat(use.name()).isEqualTo("get_weather");
    assertThat(use._input().toString()).contains("city");

    Message answer =
        client
            .messages()
            .create(
                turn.addMessage(call)
                    .addUserMessageOfContentBlockParams(List.of(result(use.id(), "18 C and sunny")))
                    .build());

    assertThat(answer.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(AnthropicSdk.text(answer))
        .as("the model saw the tool's result")
        .contains("get_weather tool returned \"18 C and sunny\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, DEEPSEEK})
  void streamsAToolCall_withItsInputAssembledFromDeltas(String model) {
    AnthropicSdk.Streamed streamed =
        AnthropicSdk.stream(
            client,
            AnthropicSdk.ask(model, "Tell me something.")
                .addTool(AnthropicSdk.weatherTool())
                .toolChoice(ToolChoiceAny.builder().build())
                .build());

    assertThat(streamed.stopped()).isTrue();
    assertThat(streamed.message().stopReason()).hasValue(StopReason.TOOL_USE);
    ToolUseBlock use = toolUse(streamed.message());
    assertThat(use.name()).isEqualTo("get_weather");
    assertThat(use._input().toString()).contains("city");
  }

  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, DEEPSEEK})
  void countsTokens(String model) {
    long small = count(model, "Hi");
    long large =
        count(model, "Hi. " + "Tell me everything about routers and gateways. ".repeat(20));

    assertThat(small).isPositive();
    assertThat(large).isGreaterThan(small + 100);
  }

  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, DEEPSEEK})
  void acceptsTheKeyAsABearerToken(String model) {
    AnthropicClient bearer = AnthropicSdk.withAuthToken(harness.gateway.port(), harness.key);

    Message message = bearer.messages().create(AnthropicSdk.ask(model, "Hello").build());

    assertThat(AnthropicSdk.text(message)).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, DEEPSEEK})
  void refusesABadKey_eitherWay(String model) {
    MessageCreateParams params = AnthropicSdk.ask(model, "Hello").build();
    int port = harness.gateway.port();

    assertThatThrownBy(
            () -> AnthropicSdk.withApiKey(port, "sk-sb-v1-wrong").messages().create(params))
        .isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(
            () -> AnthropicSdk.withAuthToken(port, "sk-sb-v1-wrong").messages().create(params))
        .isInstanceOf(UnauthorizedException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, DEEPSEEK})
  void refusesAnInvalidRequest(String model) {
    // Anthropic requires max_tokens >= 1; the SDK sends what it is given.
    MessageCreateParams params = AnthropicSdk.ask(model, "Hello").maxTokens(0).build();

    assertThatThrownBy(() -> client.messages().create(params))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("max_tokens");
  }

  @Test
  void refusesAnUnknownModel_asNotFound() {
    MessageCreateParams params = AnthropicSdk.ask("nobody/nothing", "Hello").build();

    assertThatThrownBy(() -> client.messages().create(params))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nobody/nothing");
  }

  private long count(String model, String text) {
    HttpResponseFor<MessageTokensCount> response =
        client
            .messages()
            .withRawResponse()
            .countTokens(
                MessageCountTokensParams.builder()
                    .model(model)
                    .system("You are terse.")
                    .addUserMessage(text)
                    .addTool(AnthropicSdk.weatherTool())
                    .build());
    assertThat(response.headers().values("x-switchboard-token-estimate"))
        .as("the count says it is an estimate, and by which tokenizer")
        .containsExactly("o200k");
    return response.parse().inputTokens();
  }

  private static ToolUseBlock toolUse(Message message) {
    return message.content().stream()
        .filter(ContentBlock::isToolUse)
        .map(ContentBlock::asToolUse)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no tool_use block in " + message.content()));
  }

  static ContentBlockParam result(String toolUseId, String content) {
    return ContentBlockParam.ofToolResult(
        ToolResultBlockParam.builder().toolUseId(toolUseId).content(content).build());
  }
}
