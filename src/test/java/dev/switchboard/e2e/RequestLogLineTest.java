package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Every finished chat request leaves one log line with its figures, and nothing of its text. */
class RequestLogLineTest {
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void aFinishedRequest_isLoggedOnce_withItsFigures_neverItsPromptOrKey()
      throws InterruptedException {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger requests = Logger.getLogger("switchboard.requests");
    requests.addHandler(capture);
    try {
      String prompt = "a prompt that must never be logged 7f3a";
      HttpResponse<String> response =
          harness.chat(
              "{\"model\":\"deepseek/deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\""
                  + prompt
                  + "\"}]}");
      assertThat(response.statusCode()).isEqualTo(200);
      String id = response.headers().firstValue("x-generation-id").orElseThrow();
      // The line is written just after the answer (the answer does not wait for it).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (linesOf(records, id).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      List<Map<?, ?>> lines = linesOf(records, id);
      assertThat(lines).hasSize(1);
      Map<?, ?> line = lines.getFirst();
      assertThat(line.get("method")).isEqualTo("POST");
      assertThat(line.get("route")).isEqualTo("/v1/chat/completions");
      assertThat(line.get("status")).isEqualTo(200);
      assertThat(line.get("model")).isEqualTo("deepseek/deepseek-v3.2");
      assertThat((Long) line.get("prompt_tokens")).isPositive();
      for (String key :
          List.of(
              "provider",
              "completion_tokens",
              "cost",
              "latency_ms",
              "data_class",
              "policy_action")) {
        assertThat(line.containsKey(key)).as(key).isTrue();
      }
      assertThat(line.toString()).doesNotContain("7f3a").doesNotContain(harness.key);
    } finally {
      requests.removeHandler(capture);
    }
  }

  private static List<Map<?, ?>> linesOf(List<LogRecord> records, String generationId) {
    List<Map<?, ?>> lines = new java.util.ArrayList<>();
    for (LogRecord record : records) {
      if (record.getParameters() != null
          && record.getParameters()[0] instanceof Map<?, ?> fields
          && generationId.equals(fields.get("generation_id"))) {
        lines.add(fields);
      }
    }
    return lines;
  }
}
