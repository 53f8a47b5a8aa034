package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.Switchboard;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.account.sql.SqlIdempotencyStore;
import dev.switchboard.account.sql.SqlKeyStore;
import dev.switchboard.api.GatewayVerticle;
import dev.switchboard.attempt.Attempt;
import dev.switchboard.attempt.Attempt.Outcome;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.health.HealthTracker;
import dev.switchboard.ledger.CommittedReader;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.sim.SimOptions;
import dev.switchboard.sim.SimProvider;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import dev.switchboard.wire.Json;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/models/{author}/{slug}/endpoints on a real gateway in front of the simulator. The
 * tracker is the gateway's own (its Services), fed here directly with attempts: statistics then
 * show as the gateway's own attempts will once it emits them.
 */
class ModelEndpointsTest {
  private static final String MODEL = "deepseek/deepseek-v3.2";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Vertx SIM_VERTX = Vertx.vertx();
  private static final Vertx VERTX = Vertx.vertx();
  private static final ExecutorService BLOCKING = Executors.newVirtualThreadPerTaskExecutor();
  private static SqliteDatabase database;
  private static HealthTracker health;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    SimProvider sim = SimProvider.start(SIM_VERTX, SimOptions.defaults()).await();
    database =
        SqliteDatabase.open(Files.createTempDirectory("switchboard-endpoints").resolve("l.db"));
    SqlKeyStore keys = SqlKeyStore.of(database);
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Config config =
        Config.defaults()
            .withServer(new Config.Server("127.0.0.1", port, 1 << 20, Duration.ofSeconds(2)));
    SqliteLedgerWriter ledger = SqliteLedgerWriter.open(database);
    GatewayVerticle.Services services =
        new GatewayVerticle.Services(
            config,
            Switchboard.simulated(Catalog.load(Catalog.shippedTree(), Json.object()), sim),
            new KeyAuthenticator(keys, keys.hasher(), BLOCKING, Duration.ofMillis(50)),
            ledger,
            new CommittedReader(SqlLedgerReader.of(database), ledger::flushed),
            SqlIdempotencyStore.open(database, Clock.systemUTC()));
    health = services.health();
    VERTX.deployVerticle(new GatewayVerticle(services)).await();
  }

  @AfterAll
  static void stop() {
    VERTX.close().await();
    SIM_VERTX.close().await();
    BLOCKING.close();
    database.close();
  }

  private static Attempt attempt(String provider, Outcome outcome, long latencyMs, long firstMs) {
    return new Attempt(
        "gen-endpoints",
        1,
        provider,
        MODEL,
        outcome,
        outcome == Outcome.OK ? 200 : 502,
        outcome == Outcome.OK ? Optional.empty() : Optional.of("upstream_error"),
        Instant.now(),
        latencyMs,
        outcome == Outcome.OK ? OptionalLong.of(firstMs) : OptionalLong.empty(),
        1_000,
        outcome == Outcome.OK ? 100 : 0);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode endpoint(JsonNode data, String providerId) {
    for (JsonNode endpoint : data.get("endpoints")) {
      if (endpoint.get("tag").asText().split("/")[0].equals(providerId)) {
        return endpoint;
      }
    }
    throw new AssertionError("no endpoint of " + providerId + " in " + data);
  }

  @Test
  void listsEveryDeployment_inOpenRoutersShape_withOurs() throws Exception {
    HttpResponse<String> response = get("/api/v1/models/" + MODEL + "/endpoints");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode data = GatewayHarness.json(response.body()).get("data");
    assertThat(data.get("id").asText()).isEqualTo(MODEL);
    assertThat(data.get("name").asText()).isEqualTo("DeepSeek V3.2");
    assertThat(data.get("created").asLong()).isPositive();
    assertThat(data.get("architecture").get("input_modalities").toString()).contains("text");
    assertThat(data.get("endpoints").size()).isGreaterThanOrEqualTo(2);
    JsonNode deepinfra = endpoint(data, "deepinfra");
    assertThat(deepinfra.get("name").asText()).isEqualTo("DeepInfra | " + MODEL);
    assertThat(deepinfra.get("provider_name").asText()).isEqualTo("DeepInfra");
    assertThat(deepinfra.get("model_id").asText()).isEqualTo(MODEL);
    assertThat(deepinfra.get("context_length").asInt()).isPositive();
    assertThat(deepinfra.has("max_completion_tokens")).isTrue();
    assertThat(deepinfra.get("max_prompt_tokens").isNull()).isTrue();
    JsonNode pricing = deepinfra.get("pricing");
    assertThat(new BigDecimal(pricing.get("prompt").asText())).isEqualByComparingTo("0.00000026");
    assertThat(new BigDecimal(pricing.get("completion").asText()))
        .isEqualByComparingTo("0.00000038");
    assertThat(new BigDecimal(pricing.get("input_cache_read").asText()))
        .isEqualByComparingTo("0.00000013");
    assertThat(pricing.has("input_cache_write")).isTrue();
    assertThat(deepinfra.get("quantization").asText()).isNotBlank();
    assertThat(deepinfra.get("status").asInt()).isZero();
    assertThat(deepinfra.get("supported_parameters").toString()).contains("tools");
    assertThat(deepinfra.get("jurisdiction").asText()).isNotBlank();
    assertThat(deepinfra.get("data_policy").has("zero_retention")).isTrue();
    assertThat(deepinfra.get("health").get("state").asText()).isEqualTo("healthy");
  }

  @Test
  void statistics_showWhatTheTrackerSaw() throws Exception {
    // deepinfra: 18 answers (first token 150 to 320 ms, then 100 tokens in 500 ms), 2 faults, a
    // 429 and a refusal (not a health signal).
    for (int i = 0; i < 18; i++) {
      health.ended(attempt("deepinfra", Outcome.OK, 650 + 10 * i, 150 + 10 * i));
    }
    health.ended(attempt("deepinfra", Outcome.PROVIDER_FAULT, 30, 0));
    health.ended(attempt("deepinfra", Outcome.PROVIDER_FAULT, 30, 0));
    health.ended(attempt("deepinfra", Outcome.RATE_LIMITED, 30, 0));
    health.ended(attempt("deepinfra", Outcome.REJECTED, 30, 0));
    JsonNode deepinfra = endpoint(data(), "deepinfra");
    assertThat(deepinfra.get("uptime_last_5m").asDouble()).isEqualTo(90.48);
    assertThat(deepinfra.get("uptime_last_1h").asDouble()).isEqualTo(90.48);
    assertThat(deepinfra.get("latency_last_5m").get("p50").asDouble())
        .isCloseTo(230, withPercentage(13));
    assertThat(deepinfra.get("throughput_last_5m").get("p90").asDouble())
        .isCloseTo(200, withPercentage(13));
    JsonNode healthNode = deepinfra.get("health");
    assertThat(healthNode.get("error_rate_last_5m").asDouble()).isEqualTo(0.1429);
    assertThat(healthNode.get("consecutive_faults").asInt())
        .as("a 429 does not reset")
        .isEqualTo(2);
    assertThat(healthNode.get("ejected_until").isNull()).isTrue();
    JsonNode hour = healthNode.get("last_hour");
    assertThat(hour.get("attempts").asLong()).isEqualTo(21);
    assertThat(hour.get("faults").asLong()).isEqualTo(2);
    assertThat(hour.get("rate_limited").asLong()).isEqualTo(1);
    assertThat(hour.get("latency_ms").get("p99").asDouble()).isCloseTo(820, withPercentage(13));
  }

  @Test
  void anEjectedDeployment_saysSo_andUntilWhen() throws Exception {
    for (int i = 0; i < 5; i++) {
      health.ended(attempt("deepseek", Outcome.PROVIDER_FAULT, 30, 0));
    }
    JsonNode deepseek = endpoint(data(), "deepseek");
    assertThat(deepseek.get("status").asInt()).isEqualTo(-2);
    JsonNode healthNode = deepseek.get("health");
    assertThat(healthNode.get("state").asText()).isEqualTo("ejected");
    assertThat(healthNode.get("consecutive_faults").asInt()).isEqualTo(5);
    assertThat(Instant.parse(healthNode.get("ejected_until").asText()))
        .isBetween(Instant.now(), Instant.now().plusSeconds(6));
    assertThat(deepseek.get("uptime_last_5m").asDouble()).isZero();
    assertThat(deepseek.get("latency_last_5m").isNull()).as("no answer, no latency").isTrue();
  }

  @Test
  void aDeploymentNothingIsKnownAbout_hasNullStatistics() throws Exception {
    JsonNode data = GatewayHarness.json(get("/v1/models/z-ai/glm-5/endpoints").body());
    JsonNode first = data.get("data").get("endpoints").get(0);
    assertThat(first.get("uptime_last_5m").isNull()).isTrue();
    assertThat(first.get("uptime_last_1h").isNull()).isTrue();
    assertThat(first.get("latency_last_5m").isNull()).isTrue();
    assertThat(first.get("throughput_last_5m").isNull()).isTrue();
    assertThat(first.get("health").get("error_rate_last_5m").isNull()).isTrue();
    assertThat(first.get("health").get("last_5m").get("attempts").asLong()).isZero();
  }

  @Test
  void anUnknownModel_is404_inOpenAisErrorShape() throws Exception {
    for (String prefix : new String[] {"/api/v1", "/v1"}) {
      HttpResponse<String> response = get(prefix + "/models/nobody/nothing/endpoints");
      assertThat(ErrorResponsesTest.expectError(response, 404).get("code").asText())
          .isEqualTo("model_not_found");
    }
  }

  private static JsonNode data() throws Exception {
    // The tracker caches each deployment's windows for a second.
    Thread.sleep(1_100);
    HttpResponse<String> response = get("/v1/models/" + MODEL + "/endpoints");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return GatewayHarness.json(response.body()).get("data");
  }
}
