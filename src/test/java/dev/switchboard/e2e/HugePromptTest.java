package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.Switchboard;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.ledger.UsageRecord;
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
 * Prompts larger than the model's context. A 9 MB prompt of one repeated letter is refused at once
 * by the planner's context filter (a 400 in the words Claude Code compacts on), before any provider
 * or tokenizer sees it. A prompt the filter's cheap estimate lets through but the tokenizer counts
 * as larger (CJK text) fails at the provider: its estimate runs off the event loop and never bills
 * more prompt tokens than the context holds. Vert.x reports no event loop blocked.
 */
class HugePromptTest {
  private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";

  @Test
  void promptsOverTheContext_areRefusedOrEstimatedOffTheEventLoop_andCapped() throws Exception {
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
      HttpResponse<String> huge = send(gateway, key, "a".repeat(9_000_000));
      assertThat(huge.statusCode()).as(huge.body()).isEqualTo(400);
      assertThat(huge.body()).contains("prompt is too long");
      assertThat(row(gateway, huge).promptTokens()).as("no provider saw it").isZero();

      // 10,000 CJK characters: ~2,500 tokens by characters / 4, over 8,192 by the tokenizer.
      HttpResponse<String> dense = send(gateway, key, "\u6f22\u5b57\u8a9e\u6587".repeat(2_500));
      assertThat(dense.statusCode()).as(dense.body()).isEqualTo(502);
      UsageRecord row = row(gateway, dense);
      assertThat(row.estimated()).isTrue();
      assertThat(row.promptTokens()).as("the context length of test/broken").isEqualTo(8192);
    } finally {
      checker.removeHandler(capture);
    }
    assertThat(blocked.stream().map(HugePromptTest::describe))
        .noneMatch(text -> text.contains("TokenEstimator"));
  }

  private static HttpResponse<String> send(Switchboard gateway, String key, String prompt)
      throws Exception {
    String body =
        "{\"model\":\"test/broken\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + prompt
            + "\"}]}";
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(50))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static UsageRecord row(Switchboard gateway, HttpResponse<String> response) {
    return gateway
        .ledger()
        .find(response.headers().firstValue("x-generation-id").orElseThrow())
        .orElseThrow();
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
