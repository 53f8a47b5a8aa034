package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.budget.sql.SqlBudgets;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.cli.ServeProcess;
import dev.switchboard.config.Config;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.ledger.LedgerWriters;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.sim.SimOptions;
import dev.switchboard.sim.SimProvider;
import dev.switchboard.storage.postgresql.TestPostgres;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cluster node killed with SIGKILL under load, then started again: every answer a client saw
 * complete has exactly one ledger row, and the reservations the dead node held expire, so the key's
 * counters balance against the ledger again.
 */
class ClusterCrashTest {
  private static final String BODY =
      "{\"model\":\"deepseek/deepseek-v3.2\",\"stream\":true,\"messages\":[{\"role\":\"user\","
          + "\"content\":\"Say something about routers.\"}]}";

  @Test
  void aNodeKilledUnderLoad_losesNoCompletedAnswer_andItsReservationsExpire() throws Exception {
    Vertx vertx = Vertx.vertx();
    // Paced answers, so that streams are in flight when the node dies.
    SimProvider sim =
        SimProvider.start(vertx, new SimOptions("127.0.0.1", 0, Duration.ofMillis(50), 100, 7))
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    Path dir = Files.createTempDirectory("switchboard-crash");
    try (TestPostgres postgres = TestPostgres.schema()) {
      Path yaml = dir.resolve("switchboard.yaml");
      Files.writeString(yaml, config(postgres.url(), freePort(), sim));
      Config nodeConfig = Config.load(yaml, Map.of());
      Catalog catalog =
          Catalog.load(
              EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "catalog"),
              nodeConfig.catalog());
      try (Switchboard survivor =
          Switchboard.start(nodeConfig.withServer(nodeConfig.server().withPort(0)), catalog)) {
        IssuedKey key =
            survivor
                .keys()
                .create(
                    "crash",
                    KeyRules.builder().limitMicros(OptionalLong.of(50_000_000)).build(),
                    false);
        Process doomed = ServeProcess.start(yaml);
        int port = nodeConfig.server().port();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 48; i++) {
          int target = i % 3 == 0 ? survivor.port() : port;
          sent.add(http.sendAsync(request(target, key), HttpResponse.BodyHandlers.ofString()));
        }
        // Killed once the providers have every request: the streams (100 tokens/s) are mid-answer.
        long arrivedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sim.requests().size() < sent.size() && System.nanoTime() < arrivedBy) {
          Thread.sleep(10);
        }
        doomed.destroyForcibly().waitFor(20, TimeUnit.SECONDS); // SIGKILL, mid-answer
        Process restarted = ServeProcess.start(yaml);
        try {
          List<String> completed = new ArrayList<>();
          for (CompletableFuture<HttpResponse<String>> response : sent) {
            try {
              HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
              if (answer.statusCode() == 200 && answer.body().contains("data: [DONE]")) {
                completed.add(answer.headers().firstValue("x-generation-id").orElseThrow());
              }
            } catch (java.util.concurrent.ExecutionException cut) {
              // The connection died with the node: the client saw no complete answer.
            }
          }
          assertThat(completed)
              .as("some answers completed, the killed node's were cut")
              .isNotEmpty()
              .hasSizeLessThan(sent.size());
          List<UsageRecord> rows =
              LedgerWriters.reader(survivor.database()).recent(10_000).stream()
                  .filter(r -> r.keyId().equals(key.key().id()))
                  .toList();
          for (String id : completed) {
            assertThat(rows).filteredOn(r -> r.id().equals(id)).hasSize(1);
          }
          SqlBudgets budgets = (SqlBudgets) survivor.limits().budgets();
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
          while (budgets.openReservations() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
          }
          assertThat(budgets.openReservations())
              .as("the dead node's reservations expired")
              .isZero();
          assertThat(budgets.discrepancies()).isEmpty();
        } finally {
          restarted.destroyForcibly();
        }
      }
    } finally {
      sim.close();
      vertx.close();
    }
  }

  private static String config(String postgresUrl, int port, SimProvider sim) {
    return """
        server: {port: %d}
        storage: {postgresql: "%s"}
        redis: {url: "%s"}
        budgets: {reservation_ttl: 3s}
        catalog:
          providers:
            - {id: deepseek, base_url: "%s", api_key: sim}
            - {id: deepinfra, base_url: "%s", api_key: sim}
        """
        .formatted(
            port,
            postgresUrl,
            ClusterHarness.REDIS,
            sim.baseUrl("deepseek"),
            sim.baseUrl("deepinfra"));
  }

  private static HttpRequest request(int port, IssuedKey key) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
        .header("authorization", "Bearer " + key.secret())
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY))
        .timeout(Duration.ofSeconds(60))
        .build();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
