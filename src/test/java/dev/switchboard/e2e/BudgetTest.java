package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.budget.BudgetWindow;
import dev.switchboard.budget.BudgetWindows;
import dev.switchboard.budget.WindowUsage;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.sim.RecordedRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Budgets end to end on one node (SQLite), over real sockets against the simulator: settled spend
 * never passes a limit under concurrency, a key that can pay is never refused, unary answers are
 * capped to what is reserved and streams end in-band when the budget runs out.
 */
class BudgetTest {
  private static final String CHEAP = "deepseek/deepseek-v3.2";
  private static final String PREMIUM = "anthropic/claude-opus-4.6";
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void fiveHundredRequestsAt64_neverSpendPastTheLimit_andTheCountersMatchTheLedgerExactly()
      throws Exception {
    long limit = 10_000; // $0.01: about a hundred of these requests
    IssuedKey key = create(KeyRules.builder().limitMicros(OptionalLong.of(limit)));
    List<Integer> statuses = run(key, 500, 64, i -> GatewayHarness.body(CHEAP, i % 3 == 0, ""));

    assertThat(statuses).containsOnly(200, 402).contains(200, 402);
    long settled = settled(key);
    assertThat(settled).isLessThanOrEqualTo(limit);
    WindowUsage usage = usage(key);
    assertThat(usage.spentMicros()).isEqualTo(settled);
    assertThat(usage.reservedMicros()).as("no reservation is left open").isZero();
    assertThat(harness.gateway.keys().find(key.key().id()).orElseThrow().spentMicros())
        .isEqualTo(settled);
  }

  @Test
  void theAgentCase_aPremiumModelWithoutMaxTokens_isNeverRefusedWhileTheKeyCanPay()
      throws Exception {
    // $25 on a $5/$25 model with a 128K output cap: reserving the worst case (32 x $3.20) would
    // refuse most of these 32 streams; the expected cost refuses none.
    IssuedKey key = create(KeyRules.builder().limitMicros(OptionalLong.of(25_000_000)));
    List<Integer> statuses = run(key, 32, 32, i -> GatewayHarness.body(PREMIUM, true, ""));

    assertThat(statuses).containsOnly(200);
    assertThat(usage(key).spentMicros()).isEqualTo(settled(key)).isPositive();
    assertThat(usage(key).reservedMicros()).isZero();
  }

  @Test
  void aUnaryRequestTheBudgetCannotPayInFull_isSentWithMaxTokensLowered_andSaysSo() {
    // $0.05 pays the prompt and a couple of thousand answer tokens, not Opus's 128K.
    IssuedKey key = create(KeyRules.builder().limitMicros(OptionalLong.of(50_000)));
    String marker = UUID.randomUUID().toString();
    HttpResponse<String> response =
        harness.send(
            request(key, GatewayHarness.body(PREMIUM, false, ",\"user\":\"" + marker + "\"")));

    assertThat(response.statusCode()).isEqualTo(200);
    long lowered =
        Long.parseLong(
            response.headers().firstValue("x-switchboard-max-tokens-lowered").orElseThrow());
    assertThat(lowered).isBetween(1_000L, 2_000L);
    RecordedRequest sent =
        harness.sim.requests().stream()
            .filter(r -> r.body().contains(marker))
            .findFirst()
            .orElseThrow();
    assertThat(GatewayHarness.json(sent.body()).path("max_tokens").asLong()).isEqualTo(lowered);
    assertThat(settled(key)).isLessThanOrEqualTo(50_000);
  }

  @Test
  void aStreamTheBudgetRunsOutOn_endsInBand_andIsBilledWithinTheLimit() {
    // Enough for the prompt and a short start of the answer; the simulated answer is longer.
    long limit = 60;
    IssuedKey key = create(KeyRules.builder().limitMicros(OptionalLong.of(limit)));
    HttpResponse<String> response = harness.send(request(key, longEssay(CHEAP)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("budget ran out").doesNotContain("data: [DONE]");
    UsageRecord row = rows(key).getFirst();
    assertThat(row.status()).isEqualTo(402);
    assertThat(row.costMicros()).isPositive().isLessThanOrEqualTo(limit);
    assertThat(usage(key).reservedMicros()).isZero();
  }

  @Test
  void aStreamLongerThanItsReservation_topsUpAndFinishes_chargedExactly() {
    // Short answers first, so the model's expected answer (a high percentile of recent ones) is
    // far below the essay that follows: its stream must top its reservation up to finish.
    IssuedKey key = create(KeyRules.builder().limitMicros(OptionalLong.of(1_000_000)));
    // As many as the estimate remembers (256), so other tests' answers no longer count.
    for (int i = 0; i < 260; i++) {
      harness.send(request(key, GatewayHarness.body(CHEAP, false, ",\"max_tokens\":8")));
    }
    long expected =
        harness
            .gateway
            .limits()
            .outputs()
            .expectedOutputTokens(CHEAP, OptionalLong.empty(), OptionalLong.empty());
    HttpResponse<String> essay = harness.send(request(key, longEssay(CHEAP)));

    assertThat(essay.statusCode()).isEqualTo(200);
    assertThat(essay.body()).contains("data: [DONE]").doesNotContain("budget ran out");
    UsageRecord row =
        rows(key).stream()
            .filter(r -> r.id().equals(essay.headers().firstValue("x-generation-id").orElseThrow()))
            .findFirst()
            .orElseThrow();
    assertThat(row.completionTokens())
        .as("an answer longer than the reservation paid for")
        .isGreaterThan(2 * expected);
    assertThat(usage(key).spentMicros()).isEqualTo(settled(key));
    assertThat(usage(key).reservedMicros()).isZero();
  }

  @Test
  void aSessionCap_stopsThatSession_andNotTheNext() {
    IssuedKey key = create(KeyRules.builder().sessionCapMicros(OptionalLong.of(300)));
    String loop = "loop-" + UUID.randomUUID();
    int status = 200;
    for (int i = 0; i < 50 && status == 200; i++) {
      status =
          harness
              .send(request(key, GatewayHarness.body(CHEAP, false, ""), "x-session-id", loop))
              .statusCode();
    }
    HttpResponse<String> capped =
        harness.send(request(key, GatewayHarness.body(CHEAP, false, ""), "x-session-id", loop));
    assertThat(capped.statusCode()).isEqualTo(402);
    assertThat(GatewayHarness.json(capped.body()).path("error").path("message").asText())
        .contains("cap per session");
    HttpResponse<String> other =
        harness.send(
            request(key, GatewayHarness.body(CHEAP, false, ""), "x-session-id", "fresh-" + loop));
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(harness.send(request(key, GatewayHarness.body(CHEAP, false, ""))).statusCode())
        .as("a request naming no session is not held by a cap per session")
        .isEqualTo(200);
    long sessionSpend =
        rows(key).stream()
            .filter(r -> r.sessionId().equals(Optional.of(loop)))
            .mapToLong(UsageRecord::costMicros)
            .sum();
    assertThat(sessionSpend).isPositive().isLessThanOrEqualTo(300);
    HttpResponse<String> shown =
        harness.send(
            HttpRequest.newBuilder(harness.uri("/api/v1/key"))
                .header("authorization", "Bearer " + key.secret())
                .header("x-session-id", loop)
                .build());
    assertThat(
            GatewayHarness.json(shown.body())
                .path("data")
                .path("session")
                .path("usage")
                .decimalValue())
        .as("GET /api/v1/key shows the session's spend")
        .isEqualByComparingTo(java.math.BigDecimal.valueOf(sessionSpend, 6));
  }

  @Test
  void requestsPastTheRpm_are429_withRetryAfterAndRateLimitHeaders() {
    IssuedKey key = create(KeyRules.builder().rpm(OptionalInt.of(3)));
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> admitted =
          harness.send(request(key, GatewayHarness.body(CHEAP, false, "")));
      assertThat(admitted.statusCode()).isEqualTo(200);
      assertThat(admitted.headers().firstValue("x-ratelimit-limit"))
          .as("on every answer")
          .isPresent();
    }
    HttpResponse<String> limited =
        harness.send(request(key, GatewayHarness.body(CHEAP, false, "")));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).isPresent();
    assertThat(limited.headers().map().keySet()).anyMatch(h -> h.startsWith("x-ratelimit-"));
    assertThat(GatewayHarness.json(limited.body()).path("error").path("code").asText())
        .isEqualTo("rate_limited");
  }

  @Test
  void anExpiredKey_is401_andAModelItMayNotUse_is403() {
    IssuedKey expired =
        create(KeyRules.builder().expiresAt(Optional.of(Instant.now().minusSeconds(1))));
    HttpResponse<String> late =
        harness.send(request(expired, GatewayHarness.body(CHEAP, false, "")));
    assertThat(late.statusCode()).isEqualTo(401);
    assertThat(late.body()).contains("expired");

    IssuedKey narrow = create(KeyRules.builder().models(List.of("deepseek/*")));
    assertThat(harness.send(request(narrow, GatewayHarness.body(CHEAP, false, ""))).statusCode())
        .isEqualTo(200);
    HttpResponse<String> refused =
        harness.send(request(narrow, GatewayHarness.body(PREMIUM, false, "")));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("may not use").contains("deepseek/*");
  }

  private static String longEssay(String model) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Write a long"
        + " essay about routers, at least two thousand words.\"}]}";
  }

  private IssuedKey create(KeyRules.Builder rules) {
    return harness.gateway.keys().create("budget-" + UUID.randomUUID(), rules.build(), false);
  }

  private HttpRequest request(IssuedKey key, String body, String... headers) {
    HttpRequest.Builder builder =
        harness
            .post("/v1/chat/completions", body)
            .setHeader("authorization", "Bearer " + key.secret());
    for (int i = 0; i < headers.length; i += 2) {
      builder.setHeader(headers[i], headers[i + 1]);
    }
    return builder.build();
  }

  /** {@code count} requests, {@code concurrency} at a time; their statuses. */
  private List<Integer> run(
      IssuedKey key, int count, int concurrency, java.util.function.IntFunction<String> body)
      throws Exception {
    List<Future<Integer>> sent = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
      for (int i = 0; i < count; i++) {
        int n = i;
        sent.add(pool.submit(() -> harness.send(request(key, body.apply(n))).statusCode()));
      }
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> status : sent) {
      statuses.add(status.get());
    }
    return statuses;
  }

  private List<UsageRecord> rows(IssuedKey key) {
    return harness.gateway.ledger().recent(10_000).stream()
        .filter(r -> r.keyId().equals(key.key().id()))
        .toList();
  }

  private long settled(IssuedKey key) {
    return rows(key).stream().mapToLong(UsageRecord::costMicros).sum();
  }

  private WindowUsage usage(IssuedKey key) {
    ApiKey stored = harness.gateway.keys().find(key.key().id()).orElseThrow();
    List<BudgetWindow> windows =
        BudgetWindows.of(stored, Optional.empty(), Instant.now(), ZoneOffset.UTC);
    Map<String, WindowUsage> usage = harness.gateway.limits().budgets().usage(windows).join();
    return usage.get(windows.getFirst().id());
  }
}
