package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.account.LimitReset;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.policy.DataClass;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The admin key API over real HTTP against the gateway and the simulator: an admin key creates,
 * reads, changes and revokes keys with every rule; the keys it makes work (or stop working) on
 * completions; normal keys cannot manage keys and admin keys cannot call completions.
 */
class KeysApiTest {
  private static final String MODEL = "deepseek/deepseek-v3.2";
  private final GatewayHarness harness = GatewayHarness.shared();
  private final String admin = adminKey();

  @Test
  void anAdminKeyCreatesAKeyWithEveryRule_thatThenWorksOnCompletions() {
    String name = unique("agent");
    HttpResponse<String> created =
        call(
            "POST",
            "/api/v1/keys",
            admin,
            """
            {"name": "%s", "limit": 25.5, "limit_reset": "monthly",
             "expires_at": "2099-01-01T00:00:00Z", "allowed_models": ["deepseek/*"],
             "rate_limits": {"requests_per_minute": 600, "tokens_per_minute": 1000000,
                             "concurrency": 8},
             "session_cap": 2.5, "daily_cap": 10.000001, "data_class": "internal",
             "default_model": "switchboard/auto", "include_byok_in_limit": false}
            """
                .formatted(name));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = GatewayHarness.json(created.body());
    String secret = body.get("key").asText();
    JsonNode data = body.get("data");
    String id = data.get("hash").asText();
    assertThat(secret).startsWith("sk-sb-v1-");
    assertThat(data.get("id").asText()).isEqualTo(id).startsWith("key_");
    assertThat(data.get("label").asText()).isEqualTo(secret.substring(0, 13) + "…");
    assertThat(data.toString()).doesNotContain(secret);
    assertThat(data.get("limit").decimalValue()).isEqualByComparingTo("25.5");
    assertThat(data.get("limit_remaining").decimalValue()).isEqualByComparingTo("25.5");
    assertThat(data.get("limit_reset").asText()).isEqualTo("monthly");
    assertThat(data.get("expires_at").asText()).isEqualTo("2099-01-01T00:00:00Z");
    assertThat(data.get("rate_limits").toString())
        .isEqualTo("{\"requests_per_minute\":600,\"tokens_per_minute\":1000000,\"concurrency\":8}");
    assertThat(data.get("daily_cap").decimalValue()).isEqualByComparingTo("10.000001");
    assertThat(data.get("is_management_key").asBoolean()).isFalse();
    assertThat(data.get("default_model").asText()).isEqualTo("switchboard/auto");

    ApiKey stored = harness.gateway.keys().find(id).orElseThrow();
    assertThat(stored.rules())
        .isEqualTo(
            KeyRules.builder()
                .limitMicros(OptionalLong.of(25_500_000))
                .limitReset(Optional.of(LimitReset.MONTHLY))
                .expiresAt(Optional.of(Instant.parse("2099-01-01T00:00:00Z")))
                .models(List.of("deepseek/*"))
                .rpm(OptionalInt.of(600))
                .tpm(OptionalLong.of(1_000_000))
                .concurrency(OptionalInt.of(8))
                .sessionCapMicros(OptionalLong.of(2_500_000))
                .dailyCapMicros(OptionalLong.of(10_000_001))
                .dataClass(Optional.of(DataClass.INTERNAL))
                .defaultModel(Optional.of("switchboard/auto"))
                .build());

    HttpResponse<String> chat = chat(secret, GatewayHarness.body(MODEL, false, ""));
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    assertThat(call("GET", "/api/v1/keys/" + id, admin, null).body())
        .isEqualTo(call("GET", "/api/v1/keys/" + name, admin, null).body())
        .contains("\"name\":\"" + name + "\"");
  }

  @Test
  void getKeyAndCredits_showTheLedgersSpend_andWhatIsLeft() {
    String name = unique("spender");
    JsonNode made =
        GatewayHarness.json(
            call("POST", "/api/v1/keys", admin, "{\"name\":\"%s\",\"limit\":3}".formatted(name))
                .body());
    String secret = made.get("key").asText();
    long spent = 0;
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> chat = chat(secret, GatewayHarness.body(MODEL, i % 2 == 0, ""));
      assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
      spent += awaitRow(chat.headers().firstValue("x-generation-id").orElseThrow()).costMicros();
    }
    assertThat(spent).isPositive();

    JsonNode key = GatewayHarness.json(call("GET", "/api/v1/key", secret, null).body()).get("data");
    BigDecimal usage = BigDecimal.valueOf(spent, 6);
    assertThat(key.get("usage").decimalValue()).isEqualByComparingTo(usage);
    assertThat(key.get("usage_daily").decimalValue()).isEqualByComparingTo(usage);
    assertThat(key.get("usage_weekly").decimalValue()).isEqualByComparingTo(usage);
    assertThat(key.get("usage_monthly").decimalValue()).isEqualByComparingTo(usage);
    assertThat(key.get("limit_remaining").decimalValue())
        .isEqualByComparingTo(new BigDecimal(3).subtract(usage));
    assertThat(key.get("limit_reset").isNull()).isTrue();
    assertThat(key.get("name").asText()).isEqualTo(name);

    JsonNode credits =
        GatewayHarness.json(call("GET", "/api/v1/credits", secret, null).body()).get("data");
    assertThat(credits.get("total_credits").decimalValue()).isEqualByComparingTo("3");
    assertThat(credits.get("total_usage").decimalValue()).isEqualByComparingTo(usage);
    JsonNode adminSelf =
        GatewayHarness.json(call("GET", "/api/v1/key", admin, null).body()).get("data");
    assertThat(adminSelf.get("is_management_key").asBoolean()).isTrue();
  }

  @Test
  void patchChangesOnlyTheGivenRules_andDeleteRevokesEverywhere() throws Exception {
    String name = unique("patched");
    JsonNode made =
        GatewayHarness.json(
            call(
                    "POST",
                    "/api/v1/keys",
                    admin,
                    "{\"name\":\"%s\",\"limit\":5,\"limit_reset\":\"daily\",\"allowed_models\":[\"a/b\"]}"
                        .formatted(name))
                .body());
    String id = made.get("data").get("id").asText();
    String secret = made.get("key").asText();

    HttpResponse<String> patched =
        call(
            "PATCH",
            "/api/v1/keys/" + id,
            admin,
            "{\"rate_limits\":{\"concurrency\":2},\"allowed_models\":null,\"data_class\":\"regulated\"}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    KeyRules rules = harness.gateway.keys().find(id).orElseThrow().rules();
    assertThat(rules.limitMicros()).hasValue(5_000_000);
    assertThat(rules.limitReset()).contains(LimitReset.DAILY);
    assertThat(rules.concurrency()).hasValue(2);
    assertThat(rules.models()).isEmpty();
    assertThat(rules.dataClass()).contains(DataClass.REGULATED);
    assertThat(GatewayHarness.json(patched.body()).get("data").get("data_class").asText())
        .isEqualTo("regulated");

    List<String> listed = ids(call("GET", "/api/v1/keys", admin, null));
    assertThat(listed).contains(id);
    // Used before the revocation, so the gateway has the key cached when it is revoked.
    HttpResponse<String> before = chat(secret, GatewayHarness.body(MODEL, false, ""));
    assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
    HttpResponse<String> deleted = call("DELETE", "/api/v1/keys/" + id, admin, null);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(GatewayHarness.json(deleted.body()).get("deleted").asBoolean()).isTrue();
    assertThat(ids(call("GET", "/api/v1/keys", admin, null))).doesNotContain(id);
    assertThat(ids(call("GET", "/api/v1/keys?include_disabled=true", admin, null))).contains(id);

    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    int status = chat(secret, GatewayHarness.body(MODEL, false, "")).statusCode();
    while (status != 401 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      status = chat(secret, GatewayHarness.body(MODEL, false, "")).statusCode();
    }
    assertThat(status).as("a revoked key stops working within about two refreshes").isEqualTo(401);
    HttpResponse<String> revive =
        call("PATCH", "/api/v1/keys/" + id, admin, "{\"disabled\":false}");
    assertThat(revive.statusCode()).isEqualTo(400);
    assertThat(revive.body()).contains("cannot be re-enabled");
  }

  @Test
  void aNormalKeyCannotManageKeys_andNoKeyIsUnauthenticated() {
    String normal = harness.gateway.keys().create(unique("normal"), OptionalLong.empty()).secret();
    for (String[] route :
        new String[][] {
          {"GET", "/api/v1/keys"},
          {"POST", "/api/v1/keys"},
          {"GET", "/api/v1/keys/x"},
          {"PATCH", "/api/v1/keys/x"},
          {"DELETE", "/api/v1/keys/x"}
        }) {
      String body = route[0].equals("POST") || route[0].equals("PATCH") ? "{\"name\":\"n\"}" : null;
      HttpResponse<String> refused = call(route[0], route[1], normal, body);
      assertThat(refused.statusCode()).as(route[0] + " " + route[1]).isEqualTo(403);
      JsonNode error = GatewayHarness.json(refused.body()).get("error");
      assertThat(error.get("type").asText()).isEqualTo("permission_error");
      assertThat(error.get("message").asText()).contains("admin key");
      assertThat(call(route[0], route[1], "", body).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void anAdminKeyIsRefusedOnEveryCompletionRoute_with403() {
    HttpResponse<String> chat = chat(admin, GatewayHarness.body(MODEL, false, ""));
    assertThat(chat.statusCode()).isEqualTo(403);
    JsonNode error = GatewayHarness.json(chat.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("permission_error");
    assertThat(error.get("message").asText())
        .contains("admin key")
        .contains("/v1/chat/completions");
    assertThat(chat(admin, GatewayHarness.body(MODEL, true, "")).statusCode()).isEqualTo(403);

    HttpResponse<String> messages =
        harness.send(
            HttpRequest.newBuilder(harness.uri("/v1/messages"))
                .header("content-type", "application/json")
                .header("x-api-key", admin)
                .header("anthropic-version", "2023-06-01")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"%s\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                            .formatted(MODEL)))
                .timeout(Duration.ofSeconds(20))
                .build());
    assertThat(messages.statusCode()).as(messages.body()).isEqualTo(403);
    assertThat(messages.body()).contains("permission_error").contains("admin key");
  }

  @Test
  void refusesBadRequests_namingTheField() {
    String taken = unique("taken");
    call("POST", "/api/v1/keys", admin, "{\"name\":\"%s\"}".formatted(taken));
    String[][] cases = {
      {"{}", "name"},
      {"{\"name\":\"%s\"}".formatted(taken), "name"},
      {"{\"name\":\"x1\",\"limit\":1.0000001}", "limit"},
      {"{\"name\":\"x2\",\"limit\":-1}", "limit"},
      {"{\"name\":\"x3\",\"limit_reset\":\"hourly\",\"limit\":1}", "limit_reset"},
      {"{\"name\":\"x4\",\"limit_reset\":\"daily\"}", "rules"},
      {"{\"name\":\"x5\",\"expires_at\":\"soon\"}", "expires_at"},
      {
        "{\"name\":\"x6\",\"rate_limits\":{\"requests_per_minute\":0}}",
        "rate_limits.requests_per_minute"
      },
      {"{\"name\":\"x7\",\"workspace_id\":\"w\"}", "workspace_id"},
      {"{\"name\":\"x8\",\"include_byok_in_limit\":true}", "include_byok_in_limit"},
      {"[1]", null},
    };
    for (String[] bad : cases) {
      HttpResponse<String> refused = call("POST", "/api/v1/keys", admin, bad[0]);
      assertThat(refused.statusCode()).as(bad[0] + " -> " + refused.body()).isEqualTo(400);
      JsonNode error = GatewayHarness.json(refused.body()).get("error");
      if (bad[1] != null) {
        assertThat(error.get("param").asText()).as(bad[0]).isEqualTo(bad[1]);
      }
    }
    assertThat(call("GET", "/api/v1/keys/key_nosuchkey00", admin, null).statusCode())
        .isEqualTo(404);
    assertThat(call("GET", "/api/v1/keys?offset=-1", admin, null).statusCode()).isEqualTo(400);
  }

  @Test
  void anExpiredKeyIsUnauthenticated_withTheReason() {
    String name = unique("expiring");
    String secret =
        harness
            .gateway
            .keys()
            .create(
                name,
                KeyRules.builder().expiresAt(Optional.of(Instant.now().minusSeconds(1))).build(),
                false)
            .secret();
    HttpResponse<String> chat = chat(secret, GatewayHarness.body(MODEL, false, ""));
    assertThat(chat.statusCode()).isEqualTo(401);
    assertThat(chat.body()).contains("expired");
    assertThat(call("GET", "/api/v1/key", secret, null).statusCode()).isEqualTo(401);
  }

  private String adminKey() {
    return harness.gateway.keys().create(unique("admin"), KeyRules.NONE, true).secret();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static List<String> ids(HttpResponse<String> listed) {
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    return GatewayHarness.json(listed.body()).get("data").findValuesAsText("id");
  }

  private UsageRecord awaitRow(String generationId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<UsageRecord> row = harness.ledgerRow(generationId);
      if (row.isPresent()) {
        return row.get();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no ledger row for " + generationId);
  }

  private HttpResponse<String> chat(String key, String body) {
    return call("POST", "/v1/chat/completions", key, body);
  }

  private HttpResponse<String> call(String method, String path, String key, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(harness.uri(path)).timeout(Duration.ofSeconds(20));
    if (!key.isEmpty()) {
      request.header("authorization", "Bearer " + key);
    }
    if (body != null) {
      request.header("content-type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return harness.send(request.build());
  }
}
