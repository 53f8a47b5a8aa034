package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.MutableClock;
import dev.switchboard.account.ApiKey;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.ledger.UsageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key on non-streamed chats, over real sockets in front of the simulator: a replay is
 * the stored answer with no upstream call, ledger row or charge. Its own gateway, so that the test
 * can move the clock and restart it.
 */
class IdempotencyTest {
  private static final String MODEL = "deepseek/deepseek-v3.2";
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  private static GatewayHarness harness;

  @BeforeAll
  static void start() throws IOException {
    // A long upstream idle timeout keeps a test/held request in flight until its client leaves.
    harness = new GatewayHarness(CLOCK, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void aReplay_isTheStoredAnswer_withoutAnotherUpstreamCallLedgerRowOrCharge() {
    IssuedKey key = newKey();
    String marker = marker();
    String body = body(MODEL, marker);

    HttpResponse<String> first = chat(key, "order-1", body);
    HttpResponse<String> replay = chat(key, "order-1", body);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.headers().firstValue("idempotent-replayed")).isEmpty();
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(replay.headers().firstValue("idempotent-replayed")).hasValue("true");
    assertThat(replay.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(replay.headers().firstValue("x-generation-id"))
        .isEqualTo(first.headers().firstValue("x-generation-id"));
    assertThat(upstreamCalls(marker)).isEqualTo(1);
    List<UsageRecord> rows = ledgerRows(key);
    assertThat(rows).hasSize(1);
    assertThat(spentMicros(key)).isEqualTo(rows.getFirst().costMicros()).isPositive();
  }

  @Test
  void theSameKeyWithAnotherBody_is422_andCallsNoProvider() {
    IssuedKey key = newKey();
    String marker = marker();
    assertThat(chat(key, "order-2", body(MODEL, marker)).statusCode()).isEqualTo(200);

    JsonNode error =
        ErrorResponsesTest.expectError(chat(key, "order-2", body(MODEL, marker + "-edited")), 422);

    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("code").asText()).isEqualTo("idempotency_key_reused");
    assertThat(upstreamCalls(marker)).isEqualTo(1);
    assertThat(ledgerRows(key)).hasSize(1);
  }

  @Test
  void anotherApiKey_withTheSameIdempotencyKey_neverSeesTheFirstKeysAnswer() {
    String marker = marker();
    String body = body(MODEL, marker);
    HttpResponse<String> mine = chat(newKey(), "shared-key", body);
    HttpResponse<String> theirs = chat(newKey(), "shared-key", body);

    assertThat(theirs.statusCode()).isEqualTo(200);
    assertThat(theirs.headers().firstValue("idempotent-replayed")).isEmpty();
    assertThat(theirs.headers().firstValue("x-generation-id"))
        .isNotEqualTo(mine.headers().firstValue("x-generation-id"));
    assertThat(upstreamCalls(marker)).isEqualTo(2);
  }

  @Test
  void aFailedRequest_isNotStored_soARetryRunsAgain() {
    IssuedKey key = newKey();
    String marker = marker();
    String body = body("test/broken", marker);

    ErrorResponsesTest.expectError(chat(key, "order-3", body), 502);
    HttpResponse<String> retry = chat(key, "order-3", body);

    ErrorResponsesTest.expectError(retry, 502);
    assertThat(retry.headers().firstValue("idempotent-replayed")).isEmpty();
    // Each request tries the failing provider twice (a 500 is retried once): 2 requests, 4 calls.
    assertThat(upstreamCalls(marker)).isEqualTo(4);
  }

  @Test
  void aClientError_beforeAnyUpstreamCall_isNotStoredEither() {
    IssuedKey key = newKey();
    String body = body("nobody/no-such-model", marker());
    ErrorResponsesTest.expectError(chat(key, "order-4", body), 404);
    ErrorResponsesTest.expectError(chat(key, "order-4", body), 404);
  }

  @Test
  void aReplayWhileTheFirstIsInFlight_is409_andTheKeyIsFreedWhenThatClientLeaves()
      throws Exception {
    IssuedKey key = newKey();
    String marker = marker();
    String body = body("test/held", marker);
    Socket first = send(key, "order-5", body);
    try {
      await(() -> upstreamCalls(marker) == 1);

      HttpResponse<String> replay = chat(key, "order-5", body);
      JsonNode error = ErrorResponsesTest.expectError(replay, 409);
      assertThat(error.get("code").asText()).isEqualTo("idempotency_key_in_use");
      assertThat(replay.headers().firstValue("retry-after")).hasValue("1");
      ErrorResponsesTest.expectError(chat(key, "order-5", body("test/held", "other")), 422);
      assertThat(upstreamCalls(marker)).isEqualTo(1);
    } finally {
      first.close();
    }
    // The first client left unanswered: the key is free again, and a retry reaches the provider.
    retryUntilClaimed(key, "order-5", body, () -> upstreamCalls(marker) == 2).close();
    assertThat(upstreamCalls(marker)).isEqualTo(2);
  }

  @Test
  void anAnswerIsReplayedFor24Hours_thenTheKeyRunsAgain() {
    IssuedKey key = newKey();
    String marker = marker();
    String body = body(MODEL, marker);
    HttpResponse<String> first = chat(key, "order-6", body);

    CLOCK.advance(Duration.ofHours(24).minusSeconds(1));
    assertThat(chat(key, "order-6", body).headers().firstValue("idempotent-replayed"))
        .hasValue("true");
    CLOCK.advance(Duration.ofSeconds(1));
    HttpResponse<String> later = chat(key, "order-6", body);

    assertThat(later.statusCode()).isEqualTo(200);
    assertThat(later.headers().firstValue("idempotent-replayed")).isEmpty();
    assertThat(later.headers().firstValue("x-generation-id"))
        .isNotEqualTo(first.headers().firstValue("x-generation-id"));
    assertThat(upstreamCalls(marker)).isEqualTo(2);
    assertThat(ledgerRows(key)).hasSize(2);
  }

  @Test
  void answersSurviveARestartOfTheGateway() {
    IssuedKey key = newKey();
    String marker = marker();
    String body = body(MODEL, marker);
    HttpResponse<String> first = chat(key, "order-7", body);

    harness.restart();
    HttpResponse<String> replay = chat(key, "order-7", body);

    assertThat(replay.headers().firstValue("idempotent-replayed")).hasValue("true");
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(upstreamCalls(marker)).isEqualTo(1);
    assertThat(ledgerRows(key)).hasSize(1);
  }

  @Test
  void aReplay_isServedEvenAfterTheKeyWentOverItsLimit_sinceItCostsNothing() throws Exception {
    IssuedKey key =
        harness.gateway.keys().create("idem-" + UUID.randomUUID(), OptionalLong.of(1_000_000));
    String body = body(MODEL, marker());
    HttpResponse<String> first = chat(key, "order-8", body);
    assertThat(first.statusCode()).isEqualTo(200);
    // The limit drops to what was spent: nothing new can be paid for.
    harness
        .gateway
        .keys()
        .update(
            key.key().id(),
            KeyRules.builder()
                .limitMicros(OptionalLong.of(ledgerRows(key).getFirst().costMicros()))
                .build());
    // Without a key, a new request shows when the gateway sees the spend (its cache refreshes).
    HttpRequest unkeyed =
        harness
            .post("/v1/chat/completions", body(MODEL, marker()))
            .setHeader("authorization", "Bearer " + key.secret())
            .build();
    await(() -> harness.send(unkeyed).statusCode() == 402);
    int rows = ledgerRows(key).size();

    HttpResponse<String> replay = chat(key, "order-8", body);

    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(ledgerRows(key)).hasSize(rows);
  }

  @Test
  void aStreamedRequest_ignoresTheKey_andSaysSo() {
    IssuedKey key = newKey();
    String marker = marker();
    String body = GatewayHarness.body(MODEL, true, ",\"user\":\"" + marker + "\"");

    HttpResponse<String> first = chat(key, "stream-1", body);
    HttpResponse<String> second = chat(key, "stream-1", body);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.headers().firstValue("idempotency-key-ignored"))
        .hasValueSatisfying(reason -> assertThat(reason).contains("/v1/generation"));
    assertThat(upstreamCalls(marker)).isEqualTo(2);
  }

  @Test
  void aMalformedKey_is400() throws IOException {
    IssuedKey key = newKey();
    String body = body(MODEL, marker());
    for (String bad : List.of("", "k".repeat(256), "tab\there")) {
      JsonNode error = ErrorResponsesTest.expectError(chat(key, bad, body), 400);
      assertThat(error.get("message").asText()).contains("Idempotency-Key");
    }
    HttpRequest twice = request(key, "one", body).header("Idempotency-Key", "two").build();
    ErrorResponsesTest.expectError(harness.send(twice), 400);
    try (Socket nonAscii = send(key, "caf\u00e9", body)) {
      assertThat(statusLine(nonAscii)).contains(" 400 ");
    }
    assertThat(chat(key, "k".repeat(255), body).statusCode()).isEqualTo(200);
  }

  private static IssuedKey newKey() {
    return harness.gateway.keys().create("idem-" + UUID.randomUUID(), OptionalLong.empty());
  }

  private static String marker() {
    return "idem-" + UUID.randomUUID();
  }

  /** A non-streamed chat whose upstream request can be told apart by its marker. */
  private static String body(String model, String marker) {
    return GatewayHarness.body(model, false, ",\"user\":\"" + marker + "\"");
  }

  private static HttpRequest.Builder request(IssuedKey key, String idempotencyKey, String body) {
    return harness
        .post("/v1/chat/completions", body)
        .setHeader("authorization", "Bearer " + key.secret())
        .header("Idempotency-Key", idempotencyKey);
  }

  private static HttpResponse<String> chat(IssuedKey key, String idempotencyKey, String body) {
    return harness.send(request(key, idempotencyKey, body).build());
  }

  private static long upstreamCalls(String marker) {
    return harness.sim.requests().stream().filter(r -> r.body().contains(marker)).count();
  }

  private static List<UsageRecord> ledgerRows(IssuedKey key) {
    return harness.gateway.ledger().recent(100_000).stream()
        .filter(row -> row.keyId().equals(key.key().id()))
        .toList();
  }

  private static long spentMicros(IssuedKey key) {
    return harness.gateway.keys().list().stream()
        .filter(k -> k.id().equals(key.key().id()))
        .mapToLong(ApiKey::spentMicros)
        .sum();
  }

  /** Sends a chat over a raw socket and leaves the answer unread; closing it leaves. */
  private static Socket send(IssuedKey key, String idempotencyKey, String body) throws IOException {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nAuthorization: Bearer "
            + key.secret()
            + "\r\nIdempotency-Key: "
            + idempotencyKey
            + "\r\nContent-Length: "
            + content.length
            + "\r\n\r\n";
    Socket socket = new Socket("127.0.0.1", harness.gateway.port());
    socket.setSoTimeout(20_000);
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.UTF_8));
    out.write(content);
    out.flush();
    return socket;
  }

  private static String statusLine(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }

  /**
   * Sends the request until the gateway takes the key (shown by {@code claimed}) rather than
   * answering 409 because the previous holder's release has not landed yet.
   */
  private static Socket retryUntilClaimed(
      IssuedKey key, String idempotencyKey, String body, BooleanSupplier claimed) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Socket socket = send(key, idempotencyKey, body);
      while (!claimed.getAsBoolean() && socket.getInputStream().available() == 0) {
        Thread.sleep(20);
      }
      if (claimed.getAsBoolean()) {
        return socket;
      }
      try (socket) {
        assertThat(statusLine(socket)).contains(" 409 ");
      }
    }
    throw new AssertionError("the key was never freed");
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
