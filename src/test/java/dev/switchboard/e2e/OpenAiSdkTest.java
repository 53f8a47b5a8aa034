package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.completions.CompletionUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, pointed at the gateway, chats, streams and calls tools. */
class OpenAiSdkTest {
  private static final String MODEL = "moonshotai/kimi-k2.5";
  private final GatewayHarness harness = GatewayHarness.shared();
  private final OpenAIClient client = client(harness.key);

  @Test
  void completesAChat() {
    ChatCompletion completion = client.chat().completions().create(params().build());
    assertThat(completion.choices().getFirst().message().content())
        .hasValueSatisfying(text -> assertThat(text).isNotBlank());
    CompletionUsage usage = completion.usage().orElseThrow();
    assertThat(usage.promptTokens()).isPositive();
    assertThat(usage._allProperties().get("cost"))
        .as("cost rides along as an extra usage field")
        .isNotNull();
  }

  @Test
  void streamsAChat_withUsageAtTheEnd() {
    StringBuilder text = new StringBuilder();
    List<CompletionUsage> usages = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params().build())) {
      stream.stream()
          .forEach(
              chunk -> {
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
                chunk.usage().ifPresent(usages::add);
              });
    }
    assertThat(text.toString()).isNotBlank();
    assertThat(usages).hasSize(1);
    assertThat(usages.getFirst().completionTokens()).isPositive();
  }

  @Test
  void callsATool() {
    FunctionParameters schema =
        FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty(
                "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
            .build();
    ChatCompletionFunctionTool tool =
        ChatCompletionFunctionTool.builder()
            .function(FunctionDefinition.builder().name("get_weather").parameters(schema).build())
            .build();
    // "What is a model gateway?" does not ask for the weather, so the sim's model must be told to.
    ChatCompletion completion =
        client
            .chat()
            .completions()
            .create(
                params()
                    .addTool(tool)
                    .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED)
                    .build());
    var choice = completion.choices().getFirst();
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    ChatCompletionMessageFunctionToolCall call =
        choice.message().toolCalls().orElseThrow().getFirst().asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).contains("\"city\"");
  }

  @Test
  void seesTypedErrors() {
    assertThatThrownBy(
            () -> client.chat().completions().create(params().model("nobody/nothing").build()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client("sk-sb-v1-wrong").chat().completions().create(params().build()))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void retrievesAModel_andListsThem() {
    assertThat(client.models().retrieve(MODEL).id()).isEqualTo(MODEL);
    assertThat(client.models().list().data()).anyMatch(model -> model.id().equals(MODEL));
  }

  private static ChatCompletionCreateParams.Builder params() {
    return ChatCompletionCreateParams.builder()
        .model(MODEL)
        .addSystemMessage("You are terse.")
        .addUserMessage("What is a model gateway?");
  }

  private OpenAIClient client(String key) {
    return OpenAIOkHttpClient.builder()
        .apiKey(key)
        .baseUrl("http://127.0.0.1:" + harness.gateway.port() + "/v1")
        .maxRetries(0)
        .timeout(java.time.Duration.ofSeconds(20))
        .build();
  }
}
