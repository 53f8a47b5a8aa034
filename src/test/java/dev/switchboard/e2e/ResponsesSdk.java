package dev.switchboard.e2e;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The official OpenAI Java SDK's Responses API ({@code client.responses()}) as the gateway's
 * client: the two models its tests route to (one served by an OpenAI-format provider, one by an
 * Anthropic-format provider), a weather function, and the stateless tool loop's next input.
 */
final class ResponsesSdk {
  /** Served by an OpenAI-format (Chat Completions) provider. */
  static final String OPENAI_FORMAT = "moonshotai/kimi-k2.5";

  /** Served by an Anthropic-format (Messages) provider, with signed thinking. */
  static final String ANTHROPIC_FORMAT = AnthropicSdk.CLAUDE;

  static final List<String> MODELS = List.of(OPENAI_FORMAT, ANTHROPIC_FORMAT);

  private ResponsesSdk() {}

  static OpenAIClient client(int port, String key) {
    return OpenAIOkHttpClient.builder()
        .apiKey(key)
        .baseUrl("http://127.0.0.1:" + port + "/v1")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  static ResponseCreateParams.Builder ask(String model, String question) {
    return ResponseCreateParams.builder()
        .model(model)
        .instructions("You are terse.")
        .input(question)
        .store(false);
  }

  static FunctionTool weatherTool() {
    return FunctionTool.builder()
        .name("get_weather")
        .description("The current weather in a city")
        .parameters(
            FunctionTool.Parameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                .build())
        .strict(false)
        .build();
  }

  /**
   * The next turn's input, stateless: the question, every output item of the answer as it came
   * (reasoning with its encrypted content, messages, calls), then the tool outputs.
   */
  static List<ResponseInputItem> nextInput(
      String question, Response answer, List<ResponseInputItem> outputs) {
    List<ResponseInputItem> input = new ArrayList<>();
    input.add(
        ResponseInputItem.ofMessage(
            ResponseInputItem.Message.builder()
                .role(ResponseInputItem.Message.Role.USER)
                .addInputTextContent(question)
                .build()));
    for (ResponseOutputItem item : answer.output()) {
      input.add(asInput(item));
    }
    input.addAll(outputs);
    return input;
  }

  private static ResponseInputItem asInput(ResponseOutputItem item) {
    if (item.isReasoning()) {
      return ResponseInputItem.ofReasoning(item.asReasoning());
    }
    if (item.isFunctionCall()) {
      return ResponseInputItem.ofFunctionCall(item.asFunctionCall());
    }
    if (item.isCustomToolCall()) {
      return ResponseInputItem.ofCustomToolCall(item.asCustomToolCall());
    }
    return ResponseInputItem.ofResponseOutputMessage(item.asMessage());
  }

  /** All answer text of a response. */
  static String text(Response response) {
    StringBuilder text = new StringBuilder();
    response.output().stream()
        .filter(ResponseOutputItem::isMessage)
        .flatMap(item -> item.asMessage().content().stream())
        .filter(content -> content.isOutputText())
        .forEach(content -> text.append(content.asOutputText().text()));
    return text.toString();
  }
}
