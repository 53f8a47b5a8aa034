package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.Switchboard;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sqlite.SqliteLedgerReader;
import dev.switchboard.wire.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A failed request with a 9 MB prompt of one repeated letter: its token estimate runs off the event
 * loop (Vert.x reports no event loop blocked in the estimator) and never bills more prompt tokens
 * than the model's context holds. The providers of the test catalog refuse connections here.
 */
class HugePromptTest {
  private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";

  @Test
  void aHugeFailedPrompt_isEstimatedOffTheEventLoop_andCappedAtTheContextLength() throws Exception {
    List<LogRecord> blocked = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            blocked.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger checker = Logger.getLogger(CHECKER);
    checker.addHandler(capture);
    Config config =
        Config.defaults()
            .withServer(new Config.Server("127.0.0.1", 0, 16 << 20, Duration.ofMillis(200)))
            .withStorage(
                new Config.Storage(
                    Files.createTempDirectory("switchboard-huge").resolve("ledger.db")));
    JsonNode shipped = EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "catalog");
    try (Switchboard gateway = Switchboard.start(config, Catalog.load(shipped, testCatalog()))) {
      String key = gateway.keys().create("huge", OptionalLong.empty()).secret();
      String body =
          "{\"model\":\"test/broken\",\"messages\":[{\"role\":\"user\",\"content\":\""
              + "a".repeat(9_000_000)
              + "\"}]}";
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                      .header("authorization", "Bearer " + key)
                      .header("content-type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .timeout(Duration.ofSeconds(50))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
      UsageRecord row =
          SqliteLedgerReader.of(gateway.database())
              .find(response.headers().firstValue("x-generation-id").orElseThrow())
              .orElseThrow();
      assertThat(row.estimated()).isTrue();
      assertThat(row.promptTokens()).as("the context length of test/broken").isEqualTo(8192);
    } finally {
      checker.removeHandler(capture);
    }
    assertThat(blocked.stream().map(HugePromptTest::describe))
        .noneMatch(text -> text.contains("TokenEstimator"));
  }

  private static String describe(LogRecord record) {
    Throwable thrown = record.getThrown();
    return record.getMessage()
        + (thrown == null ? "" : java.util.Arrays.toString(thrown.getStackTrace()));
  }

  private static JsonNode testCatalog() throws java.io.IOException {
    try (InputStream in = HugePromptTest.class.getResourceAsStream("/e2e/test-catalog.yaml")) {
      return Json.yaml().readTree(in);
    }
  }
}
