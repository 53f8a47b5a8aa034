package dev.switchboard.e2e;

import static dev.switchboard.e2e.AnthropicSdk.CLAUDE;
import static dev.switchboard.e2e.AnthropicSdk.DEEPSEEK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.switchboard.Switchboard;
import dev.switchboard.config.Config;
import dev.switchboard.sim.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Provider faults as the official Anthropic SDK sees them: a gateway that forwards the demo's
 * {@code x-sim-fault} header to the first provider it tries (the shared simulator, its own ledger).
 * Claude has one deployment, so its failure reaches the client as Anthropic's own typed error;
 * DeepSeek has two, so a failure before the first byte falls back; a failure after it becomes
 * Anthropic's in-stream {@code error} event either way.
 */
class AnthropicSdkFaultsTest {
  private static final GatewayHarness harness = GatewayHarness.shared();
  private static Switchboard gateway;
  private static String key;

  @BeforeAll
  static void start() throws IOException {
    Config config =
        harness
            .config
            .withStorage(
                new Config.Storage(
                    Files.createTempDirectory("switchboard-sdk-faults").resolve("ledger.db")))
            .withUpstream(harness.config.upstream().withForwardSimFaultHeader(true));
    gateway = Switchboard.start(config, harness.catalog);
    key = gateway.keys().create("sdk-faults", OptionalLong.empty()).secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  /**
   * Issue 7: "a same-format upstream error reaches the client unmodified (Claude Code's retry logic
   * reads it)". The gateway answers 502 api_error "provider 'anthropic' failed: HTTP 529
   * (overloaded_error): Overloaded" instead: the provider's status and error type are lost.
   */
  @Test
  void overloadedClaude_isAnOverloadedException() {
    assertThatThrownBy(() -> client().messages().create(withFault(CLAUDE, "status-529")))
        .as(
            "Claude's only provider answered 529 overloaded_error; the client must"
                + " get it unmodified (OverloadedException), not a 502 api_error")
        .isInstanceOf(OverloadedException.class);
  }

  /** The same fault announced in the stream before any content: nothing was sent, so again 529. */
  @Test
  void overloadedClaudeStream_beforeContent_isAnOverloadedException() {
    assertThatThrownBy(() -> stream(withFault(CLAUDE, "error-in-stream"), new ArrayList<>()))
        .as(
            "Claude's stream opened with an overloaded_error event before any content;"
                + " nothing was committed, so the client must get 529 overloaded_error"
                + " (OverloadedException), not a 502 api_error")
        .isInstanceOf(OverloadedException.class);
  }

  @Test
  void rateLimitedClaude_isARateLimitException() {
    assertThatThrownBy(() -> client().messages().create(withFault(CLAUDE, "status-429")))
        .isInstanceOf(RateLimitException.class)
        .satisfies(e -> assertThat(body(e)).contains("rate_limit_error"));
  }

  @Test
  void failedClaude_isAServerError() {
    // The provider said 500; the gateway says 502 (its own status for "the provider failed"): both
    // are retryable server errors to the SDK, with Anthropic's api_error type.
    assertThatThrownBy(() -> client().messages().create(withFault(CLAUDE, "status-500")))
        .isInstanceOf(InternalServerException.class)
        .satisfies(e -> assertThat(body(e)).contains("api_error"));
  }

  @Test
  void overloadedFirstDeepSeekProvider_fallsBackToTheNext() {
    harness.sim.clearRequests();

    Message message = client().messages().create(withFault(DEEPSEEK, "status-529"));

    assertThat(AnthropicSdk.text(message)).isNotBlank();
    List<RecordedRequest> upstream = harness.sim.requests();
    assertThat(upstream).hasSize(2);
    assertThat(upstream.get(1).providerId()).isNotEqualTo(upstream.get(0).providerId());
  }

  /** OpenAI's in-band error comes after content here, so it must stay in the stream. */
  @Test
  void deepSeekErrorAfterContent_isAnInStreamErrorEvent() {
    List<RawMessageStreamEvent> events = new ArrayList<>();

    assertThatThrownBy(() -> stream(withFault(DEEPSEEK, "error-in-stream"), events))
        .isInstanceOf(SseException.class)
        .satisfies(e -> assertThat(body(e)).contains("api_error"));
    assertThat(events)
        .as("content came first")
        .anyMatch(RawMessageStreamEvent::isContentBlockDelta);
    assertThat(events).noneMatch(RawMessageStreamEvent::isMessageStop);
  }

  @ParameterizedTest
  @ValueSource(strings = {CLAUDE, DEEPSEEK})
  void cutStream_isAnErrorNotACleanEnd(String model) {
    List<RawMessageStreamEvent> events = new ArrayList<>();

    assertThatThrownBy(() -> stream(withFault(model, "disconnect-mid-stream"), events))
        .isInstanceOf(SseException.class)
        .satisfies(e -> assertThat(body(e)).contains("api_error"));
    assertThat(events)
        .as("content came first")
        .anyMatch(RawMessageStreamEvent::isContentBlockDelta);
    assertThat(events).noneMatch(RawMessageStreamEvent::isMessageStop);
  }

  private static String body(Throwable e) {
    return ((AnthropicServiceException) e).body().toString();
  }

  private static void stream(MessageCreateParams params, List<RawMessageStreamEvent> into) {
    try (StreamResponse<RawMessageStreamEvent> stream =
        client().messages().createStreaming(params)) {
      stream.stream().forEach(into::add);
    }
  }

  private static MessageCreateParams withFault(String model, String fault) {
    return AnthropicSdk.ask(model, "What is a router?")
        .putAdditionalHeader("x-sim-fault", fault)
        .build();
  }

  private static AnthropicClient client() {
    return AnthropicSdk.withApiKey(gateway.port(), key);
  }
}
