package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.ledger.UsageRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures never look like success: fallback before the first byte, in-band errors after it. */
class StreamingFailuresTest {
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void aFailingProvider_fallsBackToTheNext_beforeTheFirstByte() {
    for (boolean stream : List.of(false, true)) {
      HttpResponse<String> response = harness.chat(GatewayHarness.body("test/flaky", stream, ""));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      UsageRecord row =
          harness
              .ledgerRow(response.headers().firstValue("x-generation-id").orElseThrow())
              .orElseThrow();
      assertThat(row.provider()).as("stream=%s", stream).hasValue("sim-b");
      assertThat(row.status()).isEqualTo(200);
    }
  }

  @Test
  void aStreamCutAfterContent_endsWithAnInBandError_neverDone() {
    HttpResponse<String> response = harness.chat(GatewayHarness.body("test/cut", true, ""));
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> data = ChatCompletionsTest.dataLines(response.body());
    assertThat(data).doesNotContain("[DONE]");
    JsonNode last = GatewayHarness.json(data.getLast());
    assertThat(last.get("error").get("code").asText()).isEqualTo("upstream_failed");
    assertThat(last.get("choices").get(0).get("finish_reason").asText()).isEqualTo("error");
    UsageRecord row =
        harness
            .ledgerRow(response.headers().firstValue("x-generation-id").orElseThrow())
            .orElseThrow();
    assertThat(row.status()).isEqualTo(502);
    assertThat(row.costMicros()).as("a failed answer is not billed").isZero();
  }

  @Test
  void aStreamWithoutTerminalEvent_isAFailure_notACleanEnd() {
    HttpResponse<String> response = harness.chat(GatewayHarness.body("test/no-terminal", true, ""));
    List<String> data = ChatCompletionsTest.dataLines(response.body());
    assertThat(data).doesNotContain("[DONE]");
    assertThat(GatewayHarness.json(data.getLast()).has("error")).isTrue();
  }

  @Test
  void aStallAfterCommit_endsWithAnInBandTimeout() {
    HttpResponse<String> response = harness.chat(GatewayHarness.body("test/stall", true, ""));
    List<String> data = ChatCompletionsTest.dataLines(response.body());
    assertThat(GatewayHarness.json(data.getLast()).get("error").get("code").asText())
        .isEqualTo("upstream_timeout");
  }

  @Test
  void missingUsage_isEstimatedWithTheTokenizer_andFlagged() {
    for (boolean stream : List.of(false, true)) {
      HttpResponse<String> response =
          harness.chat(GatewayHarness.body("test/no-usage", stream, ""));
      assertThat(response.statusCode()).isEqualTo(200);
      UsageRecord row =
          harness
              .ledgerRow(response.headers().firstValue("x-generation-id").orElseThrow())
              .orElseThrow();
      assertThat(row.estimated()).as("stream=%s", stream).isTrue();
      assertThat(row.promptTokens()).isPositive();
      assertThat(row.completionTokens()).isPositive();
      assertThat(row.costMicros()).isPositive();
      String usageJson =
          stream
              ? ChatCompletionsTest.dataLines(response.body()).reversed().get(1)
              : response.body();
      assertThat(GatewayHarness.json(usageJson).get("usage").get("estimated").asBoolean()).isTrue();
    }
  }

  @Test
  void aSlowFirstToken_getsKeepAliveComments_whileTheClientWaits() {
    HttpResponse<String> response = harness.chat(GatewayHarness.body("test/patient", true, ""));
    assertThat(response.statusCode()).isEqualTo(200);
    String body = response.body();
    assertThat(body).startsWith(": PROCESSING");
    assertThat(ChatCompletionsTest.dataLines(body).getLast()).isEqualTo("[DONE]");
  }

  @Test
  void aClientThatDisconnects_cancelsTheUpstreamRequest() throws Exception {
    int before = harness.sim.cancelledCount();
    try (Socket socket = new Socket("127.0.0.1", harness.gateway.port())) {
      RawHttp.writeChat(socket, harness.key, "test/stall", true);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = in.readLine();
      } while (line != null && !line.startsWith(": PROCESSING"));
      assertThat(line).as("the stream was open when the client left").isNotNull();
    }
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (harness.sim.cancelledCount() == before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(harness.sim.cancelledCount()).isGreaterThan(before);
  }
}
