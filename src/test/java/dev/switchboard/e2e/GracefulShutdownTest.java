package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.Switchboard;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.sim.SimOptions;
import dev.switchboard.sim.SimProvider;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import dev.switchboard.wire.Json;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Stopping the gateway (what SIGTERM does) lets an open stream finish and commits its row. */
class GracefulShutdownTest {
  @Test
  void anOpenStreamFinishes_andItsRowIsDurable_whenTheGatewayStops() throws Exception {
    Vertx simVertx = Vertx.vertx();
    SimProvider sim =
        SimProvider.start(simVertx, new SimOptions("127.0.0.1", 0, Duration.ofMillis(800), 40, 42))
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    Path db = Files.createTempDirectory("switchboard-stop").resolve("ledger.db");
    Config config =
        Config.defaults()
            .withServer(new Config.Server("127.0.0.1", 0, 1 << 20, Duration.ofMillis(200)))
            .withStorage(new Config.Storage(db));
    Catalog catalog =
        Switchboard.simulated(Catalog.load(Catalog.shippedTree(), Json.object()), sim);
    Switchboard gateway = Switchboard.start(config, catalog);
    String key = gateway.keys().create("stop", OptionalLong.empty()).secret();

    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
            .header("authorization", "Bearer " + key)
            .header("content-type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    GatewayHarness.body("deepseek/deepseek-v3.2", true, ",\"max_tokens\":40")))
            .build();
    CompletableFuture<HttpResponse<String>> stream =
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    Thread.sleep(300);
    gateway.close();

    HttpResponse<String> response = stream.get();
    List<String> data = ChatCompletionsTest.dataLines(response.body());
    assertThat(data.getLast()).isEqualTo("[DONE]");
    JsonNode usage = GatewayHarness.json(data.get(data.size() - 2)).get("usage");
    try (SqliteDatabase reopened = SqliteDatabase.open(db)) {
      UsageRecord row =
          SqlLedgerReader.of(reopened)
              .find(response.headers().firstValue("x-generation-id").orElseThrow())
              .orElseThrow();
      assertThat(row.completionTokens()).isEqualTo(usage.get("completion_tokens").asLong());
    } finally {
      sim.close();
      simVertx.close();
    }
  }
}
