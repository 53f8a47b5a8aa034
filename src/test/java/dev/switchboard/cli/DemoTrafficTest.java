package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switchboard demo} drives a mixed agent workload through the simulated providers: within a
 * minute the demo key's request log holds several apps, models and data classes, answers and
 * failures. {@code --no-traffic} sends nothing.
 */
class DemoTrafficTest {
  private static final int ROWS = 40;
  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void theDemoKeySeesAMixedWorkloadWithinAMinute() throws Exception {
    try (DemoProcess demo = DemoProcess.start(dir);
        DashboardApi api = new DashboardApi(demo.port(), demo.key())) {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      JsonNode rows = api.get("/api/v1/requests?limit=500").path("data");
      // Until there are enough rows and a failure among them (about one request in twelve).
      while ((rows.size() < ROWS || !hasFailure(rows)) && Instant.now().isBefore(deadline)) {
        Thread.sleep(1000);
        rows = api.get("/api/v1/requests?limit=500").path("data");
      }
      assertThat(rows.size()).as("requests in the first minute").isGreaterThanOrEqualTo(ROWS);
      assertThat(distinct(rows, "app"))
          .as("apps named by X-Title, HTTP-Referer or User-Agent")
          .hasSizeGreaterThanOrEqualTo(4);
      assertThat(distinct(rows, "requested_model")).hasSizeGreaterThanOrEqualTo(5);
      assertThat(distinct(rows, "data_class")).hasSizeGreaterThanOrEqualTo(3);
      Set<String> outcomes = new HashSet<>();
      rows.forEach(r -> outcomes.add(r.path("status").asInt() == 200 ? "ok" : "failed"));
      assertThat(outcomes)
          .as("answers and some failures")
          .containsExactlyInAnyOrder("ok", "failed");
      long ok =
          StreamSupport.stream(rows.spliterator(), false)
              .filter(r -> r.path("status").asInt() == 200)
              .count();
      assertThat(ok).as("most requests are answered").isGreaterThan(rows.size() / 2);
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void noTrafficSendsNothing_butTheKeyWorks() throws Exception {
    try (DemoProcess demo = DemoProcess.start(dir, "--no-traffic");
        DashboardApi api = new DashboardApi(demo.port(), demo.key())) {
      assertThat(demo.output()).contains("No demo traffic");
      HttpRequest chat =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + demo.port() + "/v1/chat/completions"))
              .header("authorization", "Bearer " + demo.key())
              .header("content-type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      // A cold demo's first policy scan may overrun its budget and class the
                      // request regulated: Kimi has a deployment that takes regulated data.
                      "{\"model\":\"moonshotai/kimi-k2.5\",\"max_tokens\":5,"
                          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
              .build();
      try (HttpClient http = HttpClient.newHttpClient()) {
        HttpResponse<String> answer = http.send(chat, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      }
      Thread.sleep(3000); // time for agents to have sent something, were there any
      assertThat(api.get("/api/v1/requests").path("data")).as("only our request").hasSize(1);
    }
  }

  @Test
  void everyDrawnCallIsJsonForItsFormat_andTheMixCoversAppsClassesAndFaults() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    Set<String> identities = new HashSet<>();
    Set<String> classes = new HashSet<>();
    Set<String> faults = new HashSet<>();
    Set<String> paths = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      DemoWorkload.Call call = DemoWorkload.next(random);
      JsonNode body = Json.tree(call.body());
      assertThat(body.path("model").asText()).contains("/");
      assertThat(body.path("messages").isArray()).isTrue();
      identities.add(call.headers().getOrDefault("x-title", call.headers().get("user-agent")));
      classes.add(call.headers().get("x-data-class"));
      faults.add(call.headers().getOrDefault("x-sim-fault", "none"));
      paths.add(call.path());
    }
    assertThat(identities).hasSizeGreaterThanOrEqualTo(7);
    assertThat(classes)
        .containsExactlyInAnyOrder("public", "internal", "confidential", "regulated");
    assertThat(faults).contains("none", "status-503", "content-policy", "disconnect-mid-stream");
    assertThat(paths).containsExactlyInAnyOrder("/v1/chat/completions", "/v1/messages");
  }

  private static boolean hasFailure(JsonNode rows) {
    return StreamSupport.stream(rows.spliterator(), false)
        .anyMatch(r -> r.path("status").asInt() != 200);
  }

  private static Set<String> distinct(JsonNode rows, String field) {
    Set<String> values = new HashSet<>();
    rows.forEach(
        r -> {
          if (!r.path(field).isNull() && !r.path(field).asText().isEmpty()) {
            values.add(r.path(field).asText());
          }
        });
    return values;
  }
}
