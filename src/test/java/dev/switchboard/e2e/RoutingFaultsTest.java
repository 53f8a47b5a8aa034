package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.attempt.Attempt;
import dev.switchboard.attempt.Attempt.Outcome;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.sim.RecordedRequest;
import dev.switchboard.sim.SimProvider;
import io.vertx.core.Vertx;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8 part 4, one test per scenario against the simulator's fault menu (or the fake provider
 * where a fault must happen once only): what the client sees, the ledger row and the attempts.
 * First-token timeout 500 ms, deadline 5 s, upstream idle 1 s; the retry budget is out of the way
 * except where it is the subject.
 */
class RoutingFaultsTest {
  @RegisterExtension static final SimExtension SIM = new SimExtension();
  private static final Duration FIRST_TOKEN = Duration.ofMillis(500);
  private static Vertx fakeVertx;
  private static FakeProvider fake;
  private static FaultsGateway gateway;

  @BeforeAll
  static void start() {
    fakeVertx = Vertx.vertx();
    fake = FakeProvider.start(fakeVertx);
    gateway = FaultsGateway.start(sim(), fake, FIRST_TOKEN, Duration.ofSeconds(5), 10, 1000);
    // The simulator loads its tokenizer on its first request: not within the test timeouts.
    assertThat(gateway.chat("rf/two", false).statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    fake.close();
    fakeVertx.close().toCompletionStage().toCompletableFuture().join();
  }

  // --- Before the first byte: retried or routed around, never seen by the client. ---

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void aTransient500_isRetriedOnceOnTheSameProvider_whichThenAnswers(boolean stream) {
    HttpResponse<String> response =
        gateway.chat("rf/once", stream, "x-sim-fault", "status-500/" + UUID.randomUUID());

    assertAnswered(response, stream);
    assertThat(gateway.attemptsOf(response))
        .extracting(Attempt::providerId, Attempt::outcome, Attempt::status)
        .containsExactly(
            tuple("fake", Outcome.PROVIDER_FAULT, 500), tuple("fake", Outcome.OK, 200));
    assertServedBy(response, "fake");
  }

  @Test
  void aResetBeforeHeaders_isRetriedOnceOnTheSameProvider() {
    HttpResponse<String> response =
        gateway.chat("rf/once", true, "x-sim-fault", "reset/" + UUID.randomUUID());

    assertAnswered(response, true);
    assertThat(gateway.attemptsOf(response))
        .extracting(Attempt::outcome, Attempt::status, a -> a.errorCode().orElse(""))
        .containsExactly(
            tuple(Outcome.PROVIDER_FAULT, 0, "connection_reset"), tuple(Outcome.OK, 200, ""));
  }

  @Test
  void a429WhoseRetryAfterFits_waitsForIt_andRetriesTheSameProvider() {
    HttpResponse<String> response =
        gateway.chat("rf/once", false, "x-sim-fault", "status-429/" + UUID.randomUUID());

    assertAnswered(response, false);
    List<Attempt> attempts = gateway.attemptsOf(response);
    assertThat(attempts)
        .extracting(Attempt::outcome, Attempt::status)
        .containsExactly(tuple(Outcome.RATE_LIMITED, 429), tuple(Outcome.OK, 200));
    assertThat(Duration.between(attempts.get(0).startedAt(), attempts.get(1).startedAt()))
        .as("Retry-After: 1 was honoured")
        .isGreaterThanOrEqualTo(Duration.ofMillis(990));
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void a500ThatPersists_isRetriedOnce_thenFallsOver(boolean stream) {
    HttpResponse<String> response = gateway.chat("rf/two", stream, "x-sim-fault", "status-500");

    assertAnswered(response, stream);
    assertThat(gateway.attemptsOf(response))
        .extracting(Attempt::providerId, Attempt::outcome, Attempt::status)
        .containsExactly(
            tuple("sim-a", Outcome.PROVIDER_FAULT, 500),
            tuple("sim-a", Outcome.PROVIDER_FAULT, 500),
            tuple("sim-b", Outcome.OK, 200));
    assertServedBy(response, "sim-b");
  }

  @ParameterizedTest(name = "status-{0}")
  @ValueSource(ints = {502, 503, 504, 529})
  void aPersistentFailure_fallsOverAtOnce(int status) {
    for (boolean stream : List.of(false, true)) {
      HttpResponse<String> response =
          gateway.chat("rf/two", stream, "x-sim-fault", "status-" + status);

      assertAnswered(response, stream);
      List<Attempt> attempts = gateway.attemptsOf(response);
      assertThat(attempts)
          .extracting(Attempt::providerId, Attempt::outcome, Attempt::status)
          .containsExactly(
              tuple("sim-a", status == 529 ? Outcome.RATE_LIMITED : Outcome.PROVIDER_FAULT, status),
              tuple("sim-b", Outcome.OK, 200));
      assertThat(Duration.between(attempts.get(0).startedAt(), attempts.get(1).startedAt()))
          .as("no wait, although 503 and 529 carry Retry-After: 1")
          .isLessThan(Duration.ofMillis(900));
      assertServedBy(response, "sim-b");
    }
  }

  @Test
  void aRefusedConnection_fallsOverAtOnce() {
    HttpResponse<String> response = gateway.chat("rf/dead", true);

    assertAnswered(response, true);
    assertThat(gateway.attemptsOf(response))
        .extracting(Attempt::providerId, Attempt::outcome, Attempt::status)
        .containsExactly(tuple("dead", Outcome.PROVIDER_FAULT, 0), tuple("sim-b", Outcome.OK, 200));
  }

  @Test
  void aDisconnectBeforeHeadersThatPersists_isRetriedOnce_thenFallsOver() {
    HttpResponse<String> response =
        gateway.chat("rf/two", false, "x-sim-fault", "disconnect-before-headers");

    assertAnswered(response, false);
    assertThat(gateway.attemptsOf(response))
        .extracting(Attempt::providerId, Attempt::outcome)
        .containsExactly(
            tuple("sim-a", Outcome.PROVIDER_FAULT),
            tuple("sim-a", Outcome.PROVIDER_FAULT),
            tuple("sim-b", Outcome.OK));
  }

  @Test
  void noContentWithinTheFirstTokenTimeout_abandonsTheStream_andFallsOver() {
    for (String fault : List.of("slow-first-token-3000", "stall-after-first-event")) {
      long start = System.nanoTime();
      HttpResponse<String> response = gateway.chat("rf/two", true, "x-sim-fault", fault);

      assertAnswered(response, true);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      List<Attempt> attempts = gateway.attemptsOf(response);
      assertThat(attempts)
          .as(fault)
          .extracting(Attempt::providerId, Attempt::outcome, a -> a.errorCode().orElse(""))
          .containsExactly(
              tuple("sim-a", Outcome.PROVIDER_FAULT, "first_token_timeout"),
              tuple("sim-b", Outcome.OK, ""));
      assertThat(attempts.getFirst().latencyMs()).isGreaterThanOrEqualTo(FIRST_TOKEN.toMillis());
      assertThat(response.body()).as("the abandoned attempt left no trace").doesNotContain("error");
    }
  }

  @Test
  void aUnaryAnswer_keepsTheIdleTimeout_notTheFirstTokenTimeout() {
    HttpResponse<String> response =
        gateway.chat("rf/two", false, "x-sim-fault", "slow-first-token-700");

    assertAnswered(response, false);
    assertThat(gateway.attemptsOf(response))
        .extracting(Attempt::providerId, Attempt::outcome)
        .containsExactly(tuple("sim-a", Outcome.OK));
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void aContextLengthRefusal_fallsOverToALargerContextOnly(boolean stream) {
    HttpResponse<String> response = gateway.chat("rf/context", stream);

    assertAnswered(response, stream);
    assertThat(gateway.attemptsOf(response))
        .as("sim-b has the same 4096 context as sim-a: skipped")
        .extracting(Attempt::providerId, Attempt::outcome, a -> a.errorCode().orElse(""))
        .containsExactly(
            tuple("sim-a", Outcome.REJECTED, "context_length_exceeded"),
            tuple("sim-c", Outcome.OK, ""));
    assertServedBy(response, "sim-c");
  }

  @Test
  void aContextLengthRefusal_withNothingLarger_passesTheProvidersErrorOn() {
    HttpResponse<String> response = gateway.chat("rf/context-only", false);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = GatewayHarness.json(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("context_length_exceeded");
    assertThat(error.get("message").asText()).contains("maximum context length");
    assertThat(gateway.attemptsOf(response))
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.REJECTED);
    assertFailedRow(response, 400, "sim-a");
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void aContentPolicyRefusal_isPassedOn_neverRetriedNorRoutedAround(boolean stream) {
    HttpResponse<String> response = gateway.chat("rf/two", stream, "x-sim-fault", "content-policy");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = GatewayHarness.json(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("content_policy_violation");
    assertThat(error.get("message").asText()).contains("safety system");
    assertThat(gateway.attemptsOf(response))
        .extracting(Attempt::providerId, Attempt::outcome, a -> a.errorCode().orElse(""))
        .containsExactly(tuple("sim-a", Outcome.REJECTED, "content_policy_violation"));
    assertFailedRow(response, 400, "sim-a");
  }

  @Test
  void theDeadline_coversEveryAttempt() {
    try (FaultsGateway tight =
        FaultsGateway.start(
            sim(), fake, Duration.ofMillis(600), Duration.ofMillis(900), 10, 1000)) {
      HttpResponse<String> response = tight.chat("rf/slow-all", true);

      // Keep-alive comments had sent the stream's headers: the error comes in-band.
      List<String> data = ChatCompletionsTest.dataLines(response.body());
      assertThat(data).doesNotContain("[DONE]");
      assertThat(GatewayHarness.json(data.getLast()).get("error").get("code").asText())
          .isEqualTo("upstream_timeout");
      List<Attempt> attempts = tight.attemptsOf(response);
      assertThat(attempts)
          .extracting(Attempt::providerId, a -> a.errorCode().orElse(""))
          .containsExactly(
              tuple("sim-a", "first_token_timeout"), tuple("sim-b", "first_token_timeout"));
      assertThat(attempts.get(1).latencyMs())
          .as("the second try only had what was left of the 900 ms deadline")
          .isLessThan(600);
    }
  }

  @Test
  void a429WhoseRetryAfterDoesNotFitTheDeadline_goesElsewhereAtOnce() {
    try (FaultsGateway tight =
        FaultsGateway.start(
            sim(), fake, Duration.ofMillis(600), Duration.ofMillis(900), 10, 1000)) {
      HttpResponse<String> response = tight.chat("rf/two", false, "x-sim-fault", "status-429");

      assertAnswered(response, false);
      List<Attempt> attempts = tight.attemptsOf(response);
      assertThat(attempts)
          .extracting(Attempt::providerId, Attempt::outcome)
          .containsExactly(tuple("sim-a", Outcome.RATE_LIMITED), tuple("sim-b", Outcome.OK));
      assertThat(Duration.between(attempts.get(0).startedAt(), attempts.get(1).startedAt()))
          .isLessThan(Duration.ofMillis(900));
    }
  }

  @Test
  void theRetryBudget_capsExtraAttempts_underTotalFailure() {
    try (FaultsGateway budgeted =
        FaultsGateway.start(sim(), fake, FIRST_TOKEN, Duration.ofSeconds(5), 0.2, 0)) {
      int requests = 20;
      int budgetMessages = 0;
      for (int i = 0; i < requests; i++) {
        HttpResponse<String> response = budgeted.chat("rf/broken", false);
        assertThat(response.statusCode()).isEqualTo(502);
        if (response.body().contains("retry budget")) {
          budgetMessages++;
        }
      }
      // Unbudgeted, each request makes 4 attempts (sim-a twice, sim-b twice): 80. Budgeted, every
      // fifth request has earned one extra attempt (0.2 each, no floor): 20 + 4.
      assertThat(budgeted.attemptsFor("rf/broken")).hasSize(requests + requests / 5);
      assertThat(budgetMessages)
          .as("every request ended with its last error when the budget said no")
          .isEqualTo(requests);
    }
  }

  // --- After the first byte: an in-band error in the client's format, never a clean end. ---

  @Test
  void aStreamCutAfterContent_endsWithAnInBandError_inOpenAisFormat() {
    for (String fault : List.of("disconnect-mid-stream", "error-in-stream")) {
      HttpResponse<String> response = gateway.chat("rf/two", true, "x-sim-fault", fault);

      assertThat(response.statusCode()).isEqualTo(200);
      List<String> data = ChatCompletionsTest.dataLines(response.body());
      assertThat(data).as(fault).doesNotContain("[DONE]");
      JsonNode last = GatewayHarness.json(data.getLast());
      assertThat(last.get("error").get("code").asText()).isEqualTo("upstream_failed");
      assertThat(last.get("choices").get(0).get("finish_reason").asText()).isEqualTo("error");
      assertThat(gateway.attemptsOf(response))
          .as("sim-b was ready, but content had gone out")
          .extracting(Attempt::providerId, Attempt::outcome)
          .containsExactly(tuple("sim-a", Outcome.PROVIDER_FAULT));
      assertFailedRow(response, 502, "sim-a");
    }
  }

  @Test
  void aStreamCutAfterContent_endsWithAnErrorEvent_inAnthropicsFormat() {
    String body =
        "{\"model\":\"rf/claude\",\"max_tokens\":200,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Say something about routers.\"}]}";
    HttpResponse<String> response =
        gateway.post(
            "/v1/messages",
            body,
            "anthropic-version",
            "2023-06-01",
            "x-sim-fault",
            "disconnect-mid-stream");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("event: content_block_delta")
        .contains("event: error")
        .doesNotContain("message_stop");
    assertThat(gateway.attemptsOf(response))
        .extracting(Attempt::providerId, Attempt::outcome)
        .containsExactly(tuple("sim-claude", Outcome.PROVIDER_FAULT));
    assertFailedRow(response, 502, "sim-claude");
  }

  @Test
  void aStallAfterContent_isCutAfterTheIdleWindow_withAnInBandTimeout() {
    HttpResponse<String> response = gateway.chat("rf/stall-content", true);

    List<String> data = ChatCompletionsTest.dataLines(response.body());
    assertThat(data).doesNotContain("[DONE]");
    assertThat(data.getFirst()).contains("then nothing");
    assertThat(GatewayHarness.json(data.getLast()).get("error").get("code").asText())
        .isEqualTo("upstream_timeout");
    assertFailedRow(response, 504, "fake");
  }

  @Test
  void aMalformedEvent_endsTheStreamWithAnError_andAMalformedBodyFallsOver() {
    HttpResponse<String> streamed = gateway.chat("rf/two", true, "x-sim-fault", "malformed-event");
    List<String> data = ChatCompletionsTest.dataLines(streamed.body());
    assertThat(data).doesNotContain("[DONE]");
    assertThat(GatewayHarness.json(data.getLast()).get("error").get("message").asText())
        .contains("malformed stream event");
    assertFailedRow(streamed, 502, "sim-a");

    HttpResponse<String> unary = gateway.chat("rf/two", false, "x-sim-fault", "malformed-event");
    assertAnswered(unary, false);
    assertThat(gateway.attemptsOf(unary))
        .extracting(Attempt::providerId, Attempt::outcome, Attempt::status)
        .containsExactly(
            tuple("sim-a", Outcome.PROVIDER_FAULT, 200), tuple("sim-b", Outcome.OK, 200));
  }

  @Test
  void aStreamWithoutItsTerminator_isFinalisedPromptly_withEstimatedUsageAndAnError() {
    long start = System.nanoTime();
    HttpResponse<String> response = gateway.chat("rf/two", true, "x-sim-fault", "no-terminal");

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("not held until the idle window")
        .isLessThan(FaultsGateway.IDLE.plusMillis(500));
    List<String> data = ChatCompletionsTest.dataLines(response.body());
    assertThat(data).doesNotContain("[DONE]");
    assertThat(GatewayHarness.json(data.getLast()).has("error")).isTrue();
    UsageRecord row = assertFailedRow(response, 502, "sim-a");
    assertThat(row.estimated()).isTrue();
    assertThat(row.completionTokens()).as("what was generated is counted").isPositive();
  }

  @Test
  void aContentFilterCut_isAnAnswer_passedOnWithItsFinishReason() {
    HttpResponse<String> response = gateway.chat("rf/two", false, "x-sim-fault", "content-filter");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(
            GatewayHarness.json(response.body())
                .get("choices")
                .get(0)
                .get("finish_reason")
                .asText())
        .isEqualTo("content_filter");
    assertThat(gateway.attemptsOf(response))
        .extracting(Attempt::providerId, Attempt::outcome)
        .containsExactly(tuple("sim-a", Outcome.OK));
  }

  // --- The client goes away: the upstream call and any pending retry stop at once. ---

  @Test
  void aClientThatLeaves_stopsTheProviderCallAtOnce_andNoOtherIsTried() throws Exception {
    int cancelled = sim().cancelledCount();
    Socket socket = gateway.open("rf/gone-unary", false);
    eventually(() -> requestsFor("gone-u-a") == 1);
    socket.close();
    long left = System.nanoTime();
    eventually(() -> sim().cancelledCount() > cancelled);
    assertThat(Duration.ofNanos(System.nanoTime() - left))
        .as("reset when the client left, not when the idle timeout fired")
        .isLessThan(FaultsGateway.IDLE);
    List<Attempt> attempts = awaitAttempts("rf/gone-unary", 1);
    assertThat(attempts).extracting(Attempt::outcome).containsExactly(Outcome.CANCELLED);
    assertThat(gateway.row(attempts.getFirst().generationId()).status()).isEqualTo(499);
    Thread.sleep(FaultsGateway.IDLE.toMillis() + 300);
    assertThat(requestsFor("gone-u-b")).as("no fallback for a client that left").isZero();
  }

  @Test
  void aClientThatLeavesDuringARetryWait_cancelsTheRetry() throws Exception {
    Socket socket = gateway.open("rf/gone-backoff", false);
    // Leaves once the gateway has the 429 and waits out its Retry-After.
    eventually(() -> gateway.attemptsFor("rf/gone-backoff").size() == 1);
    socket.close();
    List<Attempt> attempts = awaitAttempts("rf/gone-backoff", 1);
    assertThat(gateway.row(attempts.getFirst().generationId()).status()).isEqualTo(499);
    // The 429 asked for one second; the retry would have come by now.
    Thread.sleep(1_500);
    assertThat(requestsFor("gone-r-a")).isEqualTo(1);
    assertThat(requestsFor("gone-r-b")).isZero();
    assertThat(gateway.attemptsFor("rf/gone-backoff"))
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.RATE_LIMITED);
  }

  // --- helpers ---

  private static SimProvider sim() {
    return SIM.provider();
  }

  private static void assertAnswered(HttpResponse<String> response, boolean stream) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    if (stream) {
      List<String> data = ChatCompletionsTest.dataLines(response.body());
      assertThat(data.getLast()).isEqualTo("[DONE]");
      assertThat(response.body()).doesNotContain("\"error\"");
    } else {
      assertThat(GatewayHarness.json(response.body()).get("choices").get(0).has("message"))
          .isTrue();
    }
  }

  /** The row of an answer: served by this provider, billed, under the catalog id asked. */
  private static void assertServedBy(HttpResponse<String> response, String provider) {
    UsageRecord row = gateway.row(response);
    assertThat(row.status()).isEqualTo(200);
    assertThat(row.provider()).hasValue(provider);
    assertThat(row.costMicros()).isPositive();
  }

  private static UsageRecord assertFailedRow(
      HttpResponse<String> response, int status, String provider) {
    UsageRecord row = gateway.row(response);
    assertThat(row.status()).isEqualTo(status);
    assertThat(row.provider()).hasValue(provider);
    assertThat(row.costMicros()).as("a failed request costs nothing").isZero();
    return row;
  }

  private static long requestsFor(String upstreamModel) {
    return sim().requests().stream()
        .map(RecordedRequest::body)
        .filter(body -> body.contains("\"" + upstreamModel))
        .count();
  }

  private static List<Attempt> awaitAttempts(String model, int count) throws Exception {
    eventually(() -> gateway.attemptsFor(model).size() >= count);
    return gateway.attemptsFor(model);
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s for a condition").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
