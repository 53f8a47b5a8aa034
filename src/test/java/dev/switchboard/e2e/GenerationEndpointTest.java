package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.attempt.Attempt;
import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.UsageRecords;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * GET /v1/generation shows a request's ledger row, with its attempts as OpenRouter's {@code
 * provider_responses}, to the key that made it, and to no other.
 */
class GenerationEndpointTest {
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void showsTheLedgerRowOfARequest() {
    HttpResponse<String> chat =
        harness.chat(GatewayHarness.body("minimax/minimax-m2.5", false, ""));
    String id = chat.headers().firstValue("x-generation-id").orElseThrow();
    JsonNode data = GatewayHarness.json(harness.send(get(id, harness.key)).body()).get("data");
    JsonNode usage = GatewayHarness.json(chat.body()).get("usage");
    assertThat(data.get("id").asText()).isEqualTo(id);
    assertThat(data.get("model").asText()).isEqualTo("minimax/minimax-m2.5");
    assertThat(data.get("tokens_completion").asLong())
        .isEqualTo(usage.get("completion_tokens").asLong());
    assertThat(data.get("total_cost").decimalValue())
        .isEqualByComparingTo(usage.get("cost").decimalValue());
    assertThat(data.get("streamed").asBoolean()).isFalse();
    assertThat(data.get("provider_responses").isArray()).isTrue();
  }

  @Test
  void listsEveryAttempt_asProviderResponses_inOrder() throws Exception {
    IssuedKey key = harness.gateway.keys().create("attempts-viewer", OptionalLong.empty());
    String id = "gen-attempts-" + System.nanoTime();
    Instant at = Instant.parse("2026-03-01T12:00:00Z");
    List<Attempt> attempts =
        List.of(
            attempt(id, 1, "deepinfra", Attempt.Outcome.PROVIDER_FAULT, 0, "connect_failed", -1),
            attempt(id, 2, "together", Attempt.Outcome.RATE_LIMITED, 429, "rate_limited", -1),
            attempt(id, 3, "fireworks", Attempt.Outcome.OK, 200, "", 180));
    try (SqliteLedgerWriter writer =
        SqliteLedgerWriter.open((SqliteDatabase) harness.gateway.database())) {
      writer
          .append(UsageRecords.served(id, key.key().id(), "m/x", at, 10, 5, 3), attempts)
          .get(10, TimeUnit.SECONDS);
    }

    for (String path : List.of("/v1/generation?id=", "/api/v1/generation?id=")) {
      HttpResponse<String> response = harness.send(get(path, id, key.secret()));
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      JsonNode responses = GatewayHarness.json(response.body()).at("/data/provider_responses");
      assertThat(responses).as(path).hasSize(3);
      assertThat(responses.get(0).toString())
          .isEqualTo(
              "{\"provider_name\":\"deepinfra\",\"model\":\"m/x\",\"status\":null,\"latency\":100,"
                  + "\"outcome\":\"provider_fault\",\"error_code\":\"connect_failed\","
                  + "\"first_token_ms\":null,\"bytes\":0}");
      assertThat(responses.get(1).get("status").asInt()).isEqualTo(429);
      assertThat(responses.get(1).get("outcome").asText()).isEqualTo("rate_limited");
      assertThat(responses.get(2).toString())
          .isEqualTo(
              "{\"provider_name\":\"fireworks\",\"model\":\"m/x\",\"status\":200,\"latency\":300,"
                  + "\"outcome\":\"ok\",\"error_code\":null,\"first_token_ms\":180,"
                  + "\"bytes\":3000}");
    }
    ErrorResponsesTest.expectError(harness.send(get(id, harness.key)), 404);
  }

  /**
   * Real traffic: once the gateway passes its attempts to the ledger, the answering attempt is the
   * last one listed and names the row's provider and model (skipped while it records none).
   */
  @Test
  void aRequestThroughTheGateway_listsTheAttemptThatAnswered() {
    for (boolean stream : List.of(false, true)) {
      HttpResponse<String> chat =
          harness.chat(GatewayHarness.body("minimax/minimax-m2.5", stream, ""));
      String id = chat.headers().firstValue("x-generation-id").orElseThrow();
      JsonNode data = GatewayHarness.json(harness.send(get(id, harness.key)).body()).get("data");
      JsonNode responses = data.get("provider_responses");
      assumeThat(responses.size()).as("the gateway records attempts").isPositive();
      JsonNode answered = responses.get(responses.size() - 1);
      assertThat(answered.get("provider_name").asText())
          .isEqualTo(data.get("provider_name").asText());
      assertThat(answered.get("model").asText()).isEqualTo("minimax/minimax-m2.5");
      assertThat(answered.get("outcome").asText()).isEqualTo("ok");
      assertThat(answered.get("status").asInt()).isEqualTo(200);
      assertThat(answered.get("bytes").asLong()).isPositive();
    }
  }

  @Test
  void showsWhatThePolicyDecided_typesButNeverText() throws Exception {
    IssuedKey key = harness.gateway.keys().create("policy-viewer", OptionalLong.empty());
    String id = "gen-policy-" + System.nanoTime();
    String plain = "gen-plain-" + System.nanoTime();
    DataHandling redacted =
        new DataHandling(
            "regulated", "policy.classes.regulated", "redact", List.of("US_SSN", "EMAIL"));
    try (SqliteLedgerWriter writer =
        SqliteLedgerWriter.open((SqliteDatabase) harness.gateway.database())) {
      Instant at = Instant.parse("2026-03-01T12:00:00Z");
      writer
          .append(
              UsageRecords.served(id, key.key().id(), "m/x", at, 10, 5, 3).withHandling(redacted))
          .get(10, TimeUnit.SECONDS);
      writer
          .append(UsageRecords.served(plain, key.key().id(), "m/x", at, 10, 5, 3))
          .get(10, TimeUnit.SECONDS);
    }

    JsonNode data = GatewayHarness.json(harness.send(get(id, key.secret())).body()).get("data");
    assertThat(data.get("data_class").asText()).isEqualTo("regulated");
    assertThat(data.get("policy_rule").asText()).isEqualTo("policy.classes.regulated");
    assertThat(data.get("policy_action").asText()).isEqualTo("redact");
    assertThat(data.get("finding_types").toString()).isEqualTo("[\"EMAIL\",\"US_SSN\"]");
    JsonNode none = GatewayHarness.json(harness.send(get(plain, key.secret())).body()).get("data");
    assertThat(none.get("data_class").asText()).isEqualTo("public");
    assertThat(none.get("policy_rule").asText()).isEmpty();
    assertThat(none.get("policy_action").asText()).isEqualTo("route");
    assertThat(none.get("finding_types").toString()).isEqualTo("[]");
  }

  @Test
  void anotherKeysGenerationIsNotFound() {
    String id =
        harness
            .chat(GatewayHarness.body("minimax/minimax-m2.5", false, ""))
            .headers()
            .firstValue("x-generation-id")
            .orElseThrow();
    String other = harness.gateway.keys().create("other", OptionalLong.empty()).secret();
    ErrorResponsesTest.expectError(harness.send(get(id, other)), 404);
    ErrorResponsesTest.expectError(harness.send(get("", harness.key)), 400);
  }

  private static Attempt attempt(
      String id,
      int n,
      String provider,
      Attempt.Outcome outcome,
      int status,
      String error,
      int ttft) {
    return new Attempt(
        id,
        n,
        provider,
        "m/x",
        outcome,
        status,
        error.isEmpty() ? Optional.empty() : Optional.of(error),
        Instant.parse("2026-03-01T12:00:00Z").plusSeconds(n),
        100L * n,
        ttft < 0 ? OptionalLong.empty() : OptionalLong.of(ttft),
        1_000L * n * (status == 200 ? 1 : 0),
        0);
  }

  private HttpRequest get(String id, String key) {
    return get("/v1/generation?id=", id, key);
  }

  private HttpRequest get(String path, String id, String key) {
    return HttpRequest.newBuilder(harness.uri(path + id))
        .header("authorization", "Bearer " + key)
        .GET()
        .build();
  }
}
