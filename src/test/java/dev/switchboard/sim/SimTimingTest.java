package dev.switchboard.sim;

import static dev.switchboard.sim.SimHttp.chat;
import static dev.switchboard.sim.SimHttp.chunks;
import static dev.switchboard.sim.SimHttp.json;
import static dev.switchboard.sim.SimHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Timing bounds are generous on purpose: they catch "no pacing at all", not jitter. */
class SimTimingTest {
  private static final int TOKENS_PER_SECOND = 200;
  private static Vertx vertx;
  private static SimProvider paced;
  private static SimProvider slowStart;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    paced =
        SimHttp.await(
            SimProvider.start(
                vertx, new SimOptions("127.0.0.1", 0, Duration.ZERO, TOKENS_PER_SECOND, 42)));
    slowStart =
        SimHttp.await(
            SimProvider.start(
                vertx, new SimOptions("127.0.0.1", 0, Duration.ofMillis(400), 0, 42)));
  }

  @AfterAll
  static void stop() throws Exception {
    SimHttp.await(paced.close());
    SimHttp.await(slowStart.close());
    SimHttp.await(vertx.close());
  }

  @Test
  void pacesStreamedTokens_atTheConfiguredRate() throws Exception {
    ObjectNode request = chat("gpt-4o", "Pace me").put("stream", true);
    request.putObject("stream_options").put("include_usage", true);

    long start = System.nanoTime();
    HttpResponse<String> response = post(paced, "openai", request);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    int completion =
        chunks(response.body()).getLast().path("usage").path("completion_tokens").asInt();
    Duration expected = Duration.ofMillis(completion * 1000L / TOKENS_PER_SECOND);
    assertThat(elapsed).isBetween(expected.multipliedBy(8).dividedBy(10), expected.plusSeconds(3));
  }

  @Test
  void delaysUnaryAnswers_byTheirGenerationTime() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = post(paced, "openai", chat("gpt-4o", "Pace me too"));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    int completion = json(response.body()).path("usage").path("completion_tokens").asInt();
    Duration expected = Duration.ofMillis(completion * 1000L / TOKENS_PER_SECOND);
    assertThat(elapsed).isBetween(expected.multipliedBy(8).dividedBy(10), expected.plusSeconds(3));
  }

  @Test
  void waitsTheFirstTokenLatency_beforeTheHeaders() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(slowStart.baseUrl("openai") + "/chat/completions"))
            .header("Authorization", "Bearer sk-test")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    chat("gpt-4o", "hi").put("stream", true).toString()))
            .build();

    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    Duration toHeaders = Duration.ofNanos(System.nanoTime() - start);
    try (InputStream body = response.body()) {
      assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
          .endsWith("data: [DONE]\n\n");
    }

    assertThat(toHeaders).isBetween(Duration.ofMillis(390), Duration.ofSeconds(3));
  }

  @Test
  void countsACancellation_whenTheClientLeavesMidStream() throws Exception {
    int before = paced.cancelledCount();
    ObjectNode request = chat("gpt-4o", "Long answer please").put("stream", true);
    try (Socket socket = SimHttp.open(paced, request)) {
      assertThat(SimHttp.readUntil(socket, "\"content\":\"", Duration.ofSeconds(5)))
          .contains("data: ");
      assertThat(paced.cancelledCount()).isEqualTo(before);
    }

    assertThat(SimHttp.eventually(() -> paced.cancelledCount() == before + 1)).isTrue();
    // A finished stream on the same sim is not a cancellation.
    post(paced, "openai", chat("gpt-4o", "short").put("max_tokens", 3).put("stream", true));
    assertThat(paced.cancelledCount()).isEqualTo(before + 1);
  }

  @Test
  void countsACancellation_whenTheClientLeavesBeforeTheFirstToken() throws Exception {
    int before = slowStart.cancelledCount();
    long start = System.nanoTime();
    try (Socket socket = SimHttp.open(slowStart, chat("gpt-4o", "never mind"))) {
      Thread.sleep(50);
      assertThat(socket.isConnected()).isTrue();
    }

    assertThat(SimHttp.eventually(() -> slowStart.cancelledCount() == before + 1)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(390));
  }
}
