package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.UsageRecords;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/spend through the real gateway: a key's requests, tokens and exact cost per data
 * class, key, model, provider or day, of its own rows only.
 */
class SpendEndpointTest {
  private static final Instant DAY1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant DAY2 = Instant.parse("2026-03-02T23:59:59.999Z");
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void sumsTheCallersSpend_perDataClass_exactToTheMicroDollar() throws Exception {
    IssuedKey a = key("spend-a");
    IssuedKey b = key("spend-b");
    List<UsageRecord> rows = new ArrayList<>();
    // 1,000 regulated rows of 1,234,567 micro-dollars each and some cheaper confidential ones.
    for (int i = 0; i < 1_000; i++) {
      rows.add(row(a, "a-reg-" + i, "m/x", DAY1, 1_234_567, "regulated"));
    }
    rows.add(row(a, "a-conf-1", "m/x", DAY1, 1, "confidential"));
    rows.add(row(a, "a-conf-2", "m/y", DAY2, 2, "confidential"));
    rows.add(row(a, "a-pub", "m/y", DAY2, 0, "public"));
    rows.add(row(b, "b-reg", "m/x", DAY1, 999_999_999, "regulated"));
    write(rows);

    JsonNode body = spend("?group_by=data_class", a);
    assertThat(body.get("group_by").asText()).isEqualTo("data_class");
    assertThat(body.get("from").isNull()).isTrue();
    assertThat(body.get("to").isNull()).isTrue();
    JsonNode data = body.get("data");
    assertThat(data).hasSize(3);
    assertThat(data.get(0).toString())
        .isEqualTo(
            "{\"data_class\":\"regulated\",\"requests\":1000,\"prompt_tokens\":10000,"
                + "\"completion_tokens\":5000,\"total_tokens\":15000,\"cost\":1234.567,"
                + "\"cost_micros\":1234567000}");
    assertThat(data.get(0).get("cost").decimalValue())
        .isEqualByComparingTo(new BigDecimal("1234.567000"));
    assertThat(data.get(1).get("data_class").asText()).isEqualTo("confidential");
    assertThat(data.get(1).get("cost_micros").asLong()).isEqualTo(3);
    assertThat(data.get(1).get("cost").decimalValue()).isEqualByComparingTo("0.000003");
    assertThat(data.get(2).get("data_class").asText()).isEqualTo("public");

    JsonNode others = spend("?group_by=data_class", b).get("data");
    assertThat(others).hasSize(1);
    assertThat(others.get(0).get("cost_micros").asLong()).isEqualTo(999_999_999);
  }

  @Test
  void aKeyNeverSeesAnotherKeysRows_underAnyGrouping() throws Exception {
    IssuedKey a = key("scoped-a");
    IssuedKey b = key("scoped-b");
    write(
        List.of(
            row(a, "sa-1", "m/only-a", DAY1, 5, "internal"),
            row(b, "sb-1", "m/only-b", DAY2, 7, "regulated")));

    for (String group : List.of("key", "model", "provider", "data_class", "day")) {
      JsonNode data = spend("?group_by=" + group, a).get("data");
      assertThat(data).as(group).hasSize(1);
      assertThat(data.get(0).get("cost_micros").asLong()).as(group).isEqualTo(5);
      assertThat(data.toString()).as(group).doesNotContain(b.key().id()).doesNotContain("only-b");
    }
    assertThat(spend("?group_by=key", a).at("/data/0/key").asText()).isEqualTo(a.key().id());
    assertThat(spend("", a).get("group_by").asText()).as("default grouping").isEqualTo("model");
    assertThat(spend("", a).at("/data/0/model").asText()).isEqualTo("m/only-a");
  }

  @Test
  void groupsByUtcDay_withinARangeOfDatesOrInstants() throws Exception {
    IssuedKey a = key("days");
    write(
        List.of(
            row(a, "d-1", "m/x", DAY1, 10, "public"),
            row(a, "d-2", "m/x", DAY2, 20, "public"),
            row(a, "d-3", "m/x", DAY2.plusMillis(1), 40, "public")));

    JsonNode all = spend("?group_by=day", a);
    assertThat(all.get("data"))
        .extracting(d -> d.get("day").asText() + "=" + d.get("cost_micros").asLong())
        .containsExactly("2026-03-01=10", "2026-03-02=20", "2026-03-03=40");

    JsonNode dates = spend("?group_by=day&from=2026-03-02&to=2026-03-03", a);
    assertThat(dates.get("from").asText()).isEqualTo("2026-03-02T00:00:00Z");
    assertThat(dates.get("to").asText()).isEqualTo("2026-03-03T00:00:00Z");
    assertThat(dates.get("data")).hasSize(1);
    assertThat(dates.at("/data/0/cost_micros").asLong()).isEqualTo(20);

    JsonNode instants = spend("?group_by=day&from=2026-03-01T10:00:00.001Z", a);
    assertThat(instants.get("data"))
        .extracting(d -> d.get("day").asText())
        .containsExactly("2026-03-02", "2026-03-03");
    JsonNode offset = spend("?group_by=day&to=2026-03-02T00:00:00%2B01:00", a);
    assertThat(offset.get("to").asText()).isEqualTo("2026-03-01T23:00:00Z");
    assertThat(offset.get("data")).hasSize(1);
  }

  @Test
  void refusesABadGroupingOrDate_with400NamingTheParameter() {
    IssuedKey a = key("bad-params");
    expectInvalid("?group_by=country", a, "group_by");
    expectInvalid("?from=yesterday", a, "from");
    expectInvalid("?group_by=day&to=2026-13-01", a, "to");
    expectInvalid("?from=2026-03-02&to=2026-03-01", a, "to");
    ErrorResponsesTest.expectError(
        harness.send(HttpRequest.newBuilder(harness.uri("/api/v1/spend")).GET().build()), 401);
  }

  @Test
  void aRequestThroughTheGateway_isCountedForItsKey() throws Exception {
    IssuedKey fresh = key("spend-live");
    HttpResponse<String> chat =
        harness.send(
            harness
                .post(
                    "/v1/chat/completions", GatewayHarness.body("minimax/minimax-m2.5", false, ""))
                .setHeader("authorization", "Bearer " + fresh.secret())
                .build());
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    JsonNode usage = GatewayHarness.json(chat.body()).get("usage");

    JsonNode row = awaitOneRow(fresh);
    assertThat(row.get("data_class").asText()).isEqualTo("public");
    assertThat(row.get("requests").asLong()).isEqualTo(1);
    assertThat(row.get("total_tokens").asLong()).isEqualTo(usage.get("total_tokens").asLong());
    assertThat(row.get("cost").decimalValue())
        .isEqualByComparingTo(usage.get("cost").decimalValue());
  }

  private JsonNode awaitOneRow(IssuedKey key) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonNode data = spend("?group_by=data_class", key).get("data");
      if (data.size() == 1 || System.nanoTime() > deadline) {
        assertThat(data).as("the request's row").hasSize(1);
        return data.get(0);
      }
      Thread.sleep(20);
    }
  }

  private void expectInvalid(String query, IssuedKey key, String param) {
    JsonNode error = ErrorResponsesTest.expectError(harness.send(get(query, key)), 400);
    assertThat(error.get("param").asText()).as(query).isEqualTo(param);
    assertThat(error.get("message").asText()).as(query).startsWith(param + ": ");
  }

  private JsonNode spend(String query, IssuedKey key) {
    HttpResponse<String> response = harness.send(get(query, key));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return GatewayHarness.json(response.body());
  }

  private HttpRequest get(String query, IssuedKey key) {
    return HttpRequest.newBuilder(harness.uri("/api/v1/spend" + query))
        .header("authorization", "Bearer " + key.secret())
        .GET()
        .build();
  }

  private IssuedKey key(String name) {
    return harness.gateway.keys().create(name + "-" + System.nanoTime(), OptionalLong.empty());
  }

  private static UsageRecord row(
      IssuedKey key, String id, String model, Instant at, long cost, String dataClass) {
    return UsageRecords.served(id + "-" + System.nanoTime(), key.key().id(), model, at, 10, 5, cost)
        .withHandling(new DataHandling(dataClass, "", "route", List.of()));
  }

  private void write(List<UsageRecord> rows) throws Exception {
    try (SqliteLedgerWriter writer =
        SqliteLedgerWriter.open((SqliteDatabase) harness.gateway.database())) {
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      rows.forEach(row -> acks.add(writer.append(row)));
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }
  }
}
