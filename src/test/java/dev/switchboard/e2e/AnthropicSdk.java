package dev.switchboard.e2e;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The official Anthropic Java SDK as the gateway's client: a client per credential style, the two
 * models the SDK tests route to (Claude Code's alias for the Claude deployment, which speaks
 * Anthropic upstream, and DeepSeek, which speaks OpenAI upstream), and a streamed message
 * accumulated with the SDK's own helper.
 */
final class AnthropicSdk {
  /** Claude Code's default-style name, mapped by the shipped aliases to the catalog's Claude. */
  static final String CLAUDE = "claude-sonnet-4-5";

  /** An OpenAI-format provider reached through Claude's dialect. */
  static final String DEEPSEEK = "deepseek/deepseek-v3.2";

  private AnthropicSdk() {}

  /** A client sending its key as {@code x-api-key} (ANTHROPIC_API_KEY). */
  static AnthropicClient withApiKey(int port, String key) {
    return builder(port).apiKey(key).build();
  }

  /** A client sending its key as {@code Authorization: Bearer} (ANTHROPIC_AUTH_TOKEN). */
  static AnthropicClient withAuthToken(int port, String key) {
    return builder(port).authToken(key).build();
  }

  private static AnthropicOkHttpClient.Builder builder(int port) {
    // The SDK appends /v1/messages itself; retries off so a failure reaches the test as it came.
    return AnthropicOkHttpClient.builder()
        .baseUrl("http://127.0.0.1:" + port)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20));
  }

  static MessageCreateParams.Builder ask(String model, String question) {
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(256)
        .system("You are terse.")
        .addUserMessage(question);
  }

  static Tool weatherTool() {
    return Tool.builder()
        .name("get_weather")
        .description("The current weather in a city")
        .inputSchema(
            Tool.InputSchema.builder()
                .properties(
                    Tool.InputSchema.Properties.builder()
                        .putAdditionalProperty(
                            "city", JsonValue.from(Map.of("type", "string", "description", "City")))
                        .build())
                .addRequired("city")
                .build())
        .build();
  }

  /** The text blocks of a message, joined. */
  static String text(Message message) {
    return message.content().stream()
        .filter(ContentBlock::isText)
        .map(block -> block.asText().text())
        .collect(Collectors.joining());
  }

  /** What a stream delivered: every event in order, and the message the SDK accumulated. */
  record Streamed(List<RawMessageStreamEvent> events, Message message) {
    /** The text deltas, concatenated in order. */
    String deltaText() {
      StringBuilder text = new StringBuilder();
      events.stream()
          .flatMap(event -> event.contentBlockDelta().stream())
          .forEach(delta -> delta.delta().text().ifPresent(t -> text.append(t.text())));
      return text.toString();
    }

    boolean stopped() {
      return events.stream().anyMatch(RawMessageStreamEvent::isMessageStop);
    }
  }

  static Streamed stream(AnthropicClient client, MessageCreateParams params) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    List<RawMessageStreamEvent> events = new ArrayList<>();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(event -> events.add(accumulator.accumulate(event)));
    }
    return new Streamed(events, accumulator.message());
  }
}
