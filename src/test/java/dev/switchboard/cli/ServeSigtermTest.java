package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.sql.SqlKeyStore;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.sim.SimOptions;
import dev.switchboard.sim.SimProvider;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `switchboard serve` in its own JVM: SIGTERM lets an open stream finish and commits its ledger
 * row.
 */
class ServeSigtermTest {
  @TempDir Path dir;

  @Test
  void sigtermDrainsOpenStreams_andLosesNoRow() throws Exception {
    Vertx vertx = Vertx.vertx();
    SimProvider sim =
        SimProvider.start(vertx, new SimOptions("127.0.0.1", 0, Duration.ofMillis(800), 40, 42))
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    Path db = dir.resolve("ledger.db");
    int port = freePort();
    Path config = dir.resolve("switchboard.yaml");
    Files.writeString(
        config,
        """
        server: {port: %d}
        storage: {sqlite_path: "%s"}
        catalog:
          providers:
            - {id: deepseek, base_url: "%s", api_key: sim}
            - {id: deepinfra, base_url: "%s", api_key: sim}
        """
            .formatted(port, db, sim.baseUrl("deepseek"), sim.baseUrl("deepinfra")));
    String key;
    try (SqliteDatabase database = SqliteDatabase.open(db)) {
      key = SqlKeyStore.of(database).create("sigterm", OptionalLong.empty()).secret();
    }
    Process serve = ServeProcess.start(config);
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
              .header("authorization", "Bearer " + key)
              .header("content-type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"model\":\"deepseek/deepseek-v3.2\",\"stream\":true,\"max_tokens\":40,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
              .build();
      CompletableFuture<HttpResponse<String>> stream =
          HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
      // SIGTERM once the stream is open: the provider has the request (a fixed sleep raced the
      // connection on a loaded machine, and the listener closed before it was accepted).
      Instant deadline = Instant.now().plusSeconds(60);
      while (sim.requests().isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
      assertThat(sim.requests()).as("the gateway called the provider").isNotEmpty();
      serve.destroy(); // SIGTERM

      HttpResponse<String> response = stream.get(30, TimeUnit.SECONDS);
      List<String> data = response.body().lines().filter(l -> l.startsWith("data: ")).toList();
      assertThat(data.getLast()).isEqualTo("data: [DONE]");
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("the gateway exited").isTrue();
      try (SqliteDatabase database = SqliteDatabase.open(db)) {
        UsageRecord row =
            SqlLedgerReader.of(database)
                .find(response.headers().firstValue("x-generation-id").orElseThrow())
                .orElseThrow();
        assertThat(row.status()).isEqualTo(200);
        assertThat(row.completionTokens()).isPositive();
      }
    } finally {
      serve.destroyForcibly();
      sim.close();
      vertx.close();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
