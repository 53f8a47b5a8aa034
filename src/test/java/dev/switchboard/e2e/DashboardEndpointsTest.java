package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.catalog.Deployment;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.UsageRecords;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * What the dashboard reads besides the insight reports, through the real gateway: the page and its
 * assets, the live request log (a key's own rows, an admin key's everyone's, newest first, after a
 * cursor, never prompt text) and every deployment's health.
 */
class DashboardEndpointsTest {
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void thePageAndItsAssetsAreServed_withoutAKey_underAStrictContentPolicy() {
    HttpResponse<String> page = harness.send(HttpRequest.newBuilder(harness.uri("/")).build());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("content-security-policy").orElseThrow())
        .contains("script-src 'self'")
        .contains("connect-src 'self'");
    assertThat(page.body()).contains("id=\"sign-in\"").contains("/dashboard/echarts.min.js");
    for (String asset : List.of("app.js", "charts.js", "format.js", "app.css", "echarts.min.js")) {
      HttpResponse<String> file =
          harness.send(HttpRequest.newBuilder(harness.uri("/dashboard/" + asset)).build());
      assertThat(file.statusCode()).as(asset).isEqualTo(200);
      assertThat(file.body()).as(asset).isNotBlank();
    }
    HttpResponse<String> echarts =
        harness.send(HttpRequest.newBuilder(harness.uri("/dashboard/echarts.min.js")).build());
    assertThat(echarts.body())
        .as("the WebJar's ECharts")
        .contains("echarts")
        .hasSizeGreaterThan(500_000);
  }

  @Test
  void theLogShowsAKeyItsOwnRows_newestWrittenFirst_andAnAdminKeyEveryones() throws Exception {
    IssuedKey a = key("log-a");
    IssuedKey b = key("log-b");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    write(
        List.of(
            row(a, "a1-" + tag), row(a, "a2-" + tag), row(b, "b1-" + tag), row(a, "a3-" + tag)));

    assertThat(ids(log(a, ""))).containsExactly("a3-" + tag, "a2-" + tag, "a1-" + tag);
    assertThat(ids(log(b, ""))).containsExactly("b1-" + tag);
    assertThat(ids(log(a, "?limit=2"))).containsExactly("a3-" + tag, "a2-" + tag);
    assertThat(ids(log(a, "?after=a1-" + tag))).containsExactly("a3-" + tag, "a2-" + tag);
    assertThat(ids(log(a, "?after=a3-" + tag))).as("nothing newer").isEmpty();
    assertThat(ids(log(a, "?after=b1-" + tag)))
        .as("a cursor of another key's row still orders by the ledger")
        .containsExactly("a3-" + tag);

    String admin = harness.gateway.keys().create("admin-" + tag, KeyRules.NONE, true).secret();
    assertThat(ids(log(admin, "?limit=500")))
        .containsSubsequence("a3-" + tag, "b1-" + tag, "a2-" + tag, "a1-" + tag);
  }

  @Test
  void aRowSaysWhatARequestUsedAndCost_neverWhatItSaid() throws Exception {
    IssuedKey key = key("log-live");
    String secretPrompt = "purple elephant canary " + UUID.randomUUID();
    HttpResponse<String> chat =
        harness.send(
            harness
                .post(
                    "/v1/chat/completions",
                    "{\"model\":\"minimax/minimax-m2.5\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\""
                        + secretPrompt
                        + "\"}]}")
                .setHeader("authorization", "Bearer " + key.secret())
                .setHeader("x-title", "Dashboard Test App")
                .build());
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    String id = chat.headers().firstValue("x-generation-id").orElseThrow();

    JsonNode row = awaitRow(key);
    assertThat(row.get("id").asText()).isEqualTo(id);
    assertThat(row.get("model").asText()).isEqualTo("minimax/minimax-m2.5");
    assertThat(row.get("status").asInt()).isEqualTo(200);
    assertThat(row.get("total_tokens").asLong()).isPositive();
    assertThat(row.get("cost_micros").asLong()).isPositive();
    assertThat(row.get("data_class").asText()).isEqualTo("public");
    assertThat(row.get("latency_ms").asLong()).isNotNegative();
    assertThat(row.has("app")).isTrue();
    assertThat(row.toString()).doesNotContain("purple").doesNotContain(key.secret());
  }

  @Test
  void aBadLimitIs400NamingIt_andNoKeyIs401() {
    IssuedKey key = key("log-bad");
    for (String limit : List.of("0", "501", "ten", "-1")) {
      HttpResponse<String> response =
          harness.send(get("/api/v1/requests?limit=" + limit, key.secret()));
      JsonNode error = ErrorResponsesTest.expectError(response, 400);
      assertThat(error.get("param").asText()).as(limit).isEqualTo("limit");
    }
    ErrorResponsesTest.expectError(
        harness.send(HttpRequest.newBuilder(harness.uri("/api/v1/requests")).build()), 401);
    ErrorResponsesTest.expectError(
        harness.send(HttpRequest.newBuilder(harness.uri("/api/v1/deployments/health")).build()),
        401);
  }

  @Test
  void healthListsEveryDeployment_theOnesJustCalledFirst() throws Exception {
    IssuedKey key = key("health");
    HttpResponse<String> chat =
        harness.send(
            harness
                .post(
                    "/v1/chat/completions", GatewayHarness.body("minimax/minimax-m2.5", false, ""))
                .setHeader("authorization", "Bearer " + key.secret())
                .build());
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);

    HttpResponse<String> response = harness.send(get("/api/v1/deployments/health", key.secret()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode data = GatewayHarness.json(response.body()).get("data");
    List<String> listed =
        StreamSupport.stream(data.spliterator(), false)
            .map(d -> d.get("deployment").asText())
            .toList();
    assertThat(listed)
        .containsExactlyInAnyOrderElementsOf(
            harness.catalog.deployments().stream().map(Deployment::key).toList());
    JsonNode first = data.get(0);
    assertThat(first.at("/last_hour/attempts").asLong()).isPositive();
    assertThat(first.get("state").asText()).isIn("healthy", "probing", "ejected");
    assertThat(first.has("provider_name")).isTrue();
    long previous = Long.MAX_VALUE;
    for (JsonNode d : data) {
      long attempts = d.at("/last_hour/attempts").asLong();
      assertThat(attempts).as("most attempts first").isLessThanOrEqualTo(previous);
      previous = attempts;
    }
  }

  private JsonNode awaitRow(IssuedKey key) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonNode data = log(key.secret(), "");
      if (!data.isEmpty() || System.nanoTime() > deadline) {
        assertThat(data).as("the request's row").hasSize(1);
        return data.get(0);
      }
      Thread.sleep(20);
    }
  }

  private JsonNode log(IssuedKey key, String query) {
    return log(key.secret(), query);
  }

  private JsonNode log(String secret, String query) {
    HttpResponse<String> response = harness.send(get("/api/v1/requests" + query, secret));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return GatewayHarness.json(response.body()).get("data");
  }

  private static List<String> ids(JsonNode rows) {
    return StreamSupport.stream(rows.spliterator(), false).map(r -> r.get("id").asText()).toList();
  }

  private HttpRequest get(String path, String secret) {
    return HttpRequest.newBuilder(harness.uri(path))
        .header("authorization", "Bearer " + secret)
        .GET()
        .build();
  }

  private IssuedKey key(String name) {
    return harness.gateway.keys().create(name + "-" + System.nanoTime(), OptionalLong.empty());
  }

  private static UsageRecord row(IssuedKey key, String id) {
    return UsageRecords.served(id, key.key().id(), "m/x", UsageRecords.T0, 10, 5, 7);
  }

  /** In this order, one after another: the log orders by when rows were written. */
  private void write(List<UsageRecord> rows) throws Exception {
    try (SqliteLedgerWriter writer =
        SqliteLedgerWriter.open((SqliteDatabase) harness.gateway.database())) {
      for (UsageRecord row : rows) {
        CompletableFuture<Void> ack = writer.append(row);
        ack.get(30, TimeUnit.SECONDS);
      }
    }
  }
}
