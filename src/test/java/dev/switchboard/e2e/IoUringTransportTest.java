package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.config.Transport;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code server.transport: io_uring}: the gateway's event loops really run on io_uring, and the
 * official SDK's chats and streams, concurrent ones and their ledger rows, work on it as on epoll.
 * Skipped only where the kernel (or a container's seccomp profile) refuses io_uring.
 */
class IoUringTransportTest {
  private static final String MODEL = "moonshotai/kimi-k2.5";
  private static GatewayHarness harness;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(
        io.vertx.core.transport.Transport.IO_URING.available(),
        () ->
            "io_uring refused here: "
                + io.vertx.core.transport.Transport.IO_URING.unavailabilityCause());
    harness =
        new GatewayHarness(Clock.systemUTC(), GatewayHarness.IDLE_TIMEOUT, Transport.IO_URING);
    client =
        OpenAIOkHttpClient.builder()
            .apiKey(harness.key)
            .baseUrl("http://127.0.0.1:" + harness.gateway.port() + "/v1")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(20))
            .build();
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void theEventLoopsRunOnIoUring() {
    assertThat(harness.gateway.transport()).isEqualTo(Transport.IO_URING);
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
