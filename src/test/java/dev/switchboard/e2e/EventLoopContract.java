package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.config.Config;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every choice of event loops ({@code server.transport}, {@code server.busy_poll}) must keep:
 * the official SDK's chats and streams, and concurrent streams that each end and each have their
 * ledger row. A subclass names the listener it changes and checks that the loops are the ones asked
 * for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventLoopContract {
  private static final String MODEL = "moonshotai/kimi-k2.5";
  GatewayHarness harness;
  private OpenAIClient client;

  /** The listener under test, from the harness's default one. */
  abstract UnaryOperator<Config.Server> server();

  /** Skips the class where the machine cannot run these loops. */
  void assumeAvailable() {}

  @BeforeAll
  void start() throws IOException {
    assumeAvailable();
    harness = new GatewayHarness(Clock.systemUTC(), GatewayHarness.IDLE_TIMEOUT, server());
    client =
        OpenAIOkHttpClient.builder()
            .apiKey(harness.key)
            .baseUrl("http://127.0.0.1:" + harness.gateway.port() + "/v1")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(20))
            .build();
  }

  @AfterAll
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void theSdkChatsAndStreams() {
    ChatCompletion completion = client.chat().completions().create(params());
    assertThat(completion.choices().getFirst().message().content())
        .hasValueSatisfying(text -> assertThat(text).isNotBlank());
    StringBuilder text = new StringBuilder();
    List<Long> completionTokens = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params())) {
      stream.stream()
          .forEach(
              chunk -> {
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
                chunk.usage().ifPresent(usage -> completionTokens.add(usage.completionTokens()));
              });
    }
    assertThat(text.toString()).isNotBlank();
    assertThat(completionTokens).singleElement().satisfies(n -> assertThat(n).isPositive());
  }

  @Test
  void concurrentStreams_eachEndAndEachHasItsLedgerRow() {
    List<CompletableFuture<HttpResponse<String>>> streams =
        IntStream.range(0, 16)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> harness.chat(GatewayHarness.body(MODEL, true, ""))))
            .toList();
    for (CompletableFuture<HttpResponse<String>> stream : streams) {
      HttpResponse<String> response = stream.join();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).endsWith("data: [DONE]\n\n");
      String generation = response.headers().firstValue("x-generation-id").orElseThrow();
      assertThat(harness.ledgerRow(generation)).isPresent();
    }
  }

  private static ChatCompletionCreateParams params() {
    return ChatCompletionCreateParams.builder()
        .model(MODEL)
        .addSystemMessage("You are terse.")
        .addUserMessage("What is a model gateway?")
        .build();
  }
}
