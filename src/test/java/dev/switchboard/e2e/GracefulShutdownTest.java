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
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Stopping the gateway (what SIGTERM does) lets an open stream finish and commits its row, and
 * commits the row of a stream its client abandoned just before.
 */
class GracefulShutdownTest {
  private Vertx simVertx;
  private SimProvider sim;
  private Path db;
  private Switchboard gateway;
  private String key;

  /** A simulator whose answers take 800 ms, and a gateway in front of it with one key. */
  @BeforeEach
  void start() throws Exception {
    simVertx = Vertx.vertx();
    sim =
        SimProvider.start(simVertx, new SimOptions("127.0.0.1", 0, Duration.ofMillis(800), 40, 42))
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    db = Files.createTempDirectory("switchboard-stop").resolve("ledger.db");
    Config config =
        Config.defaults()
            .withServer(new Config.Server("127.0.0.1", 0, 4 << 20, Duration.ofMillis(200)))
            .withStorage(new Config.Storage(db));
    Catalog catalog =
        Switchboard.simulated(Catalog.load(Catalog.shippedTree(), Json.object()), sim);
    gateway = Switchboard.start(config, catalog);
    key = gateway.keys().create("stop", OptionalLong.empty()).secret();
  }

  /** The gateway is stopped by each test: that is what they test. */
  @AfterEach
  void stopTheSimulator() {
    sim.close();
    simVertx.close();
  }

  @Test
  void anOpenStreamFinishes_andItsRowIsDurable_whenTheGatewayStops() throws Exception {

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
    }
  }

  /**
   * The client hangs up and the gateway stops at once: its connection is closed, but the abandoned
   * request's settlement (a token estimate on a worker, then the ledger) is still running, and
   * stopping must wait for it rather than close the event loop it completes on.
   */
  // Repeated: the race it guards against (the server's shutdown completing before the close is
  // reported) lost the row in about 1 run of 12 before it was fixed.
  @RepeatedTest(5)
  void aStreamAbandonedJustBeforeTheStop_isStillRecorded() throws Exception {
    // A long prompt, so its token estimate takes a while on the worker.
    String prompt = "word, ".repeat(30_000);
    String body =
        "{\"model\":\"deepseek/deepseek-v3.2\",\"stream\":true,\"max_tokens\":40,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\""
            + prompt
            + "\"}]}";
    String generationId;
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(20_000);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer "
                  + key
                  + "\r\ncontent-type: application/json\r\ncontent-length: "
                  + bytes.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      generationId = generationIdOf(socket.getInputStream());
    }
    gateway.close();

    try (SqliteDatabase reopened = SqliteDatabase.open(db)) {
      UsageRecord row = SqlLedgerReader.of(reopened).find(generationId).orElseThrow();
      assertThat(row.status()).isEqualTo(499);
      assertThat(row.promptTokens()).isGreaterThan(30_000);
    }
  }

  /** Reads the response head up to the first SSE event; returns its x-generation-id. */
  private static String generationIdOf(InputStream in) throws Exception {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    String id = null;
    String status = lines.readLine();
    assertThat(status).startsWith("HTTP/1.1 200");
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.regionMatches(true, 0, "x-generation-id:", 0, 16)) {
        id = line.substring(16).trim();
      }
      if (line.contains("data:") && id != null) {
        return id;
      }
    }
    throw new AssertionError("no first event");
  }
}
