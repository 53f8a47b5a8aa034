package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Every bad input gets a clear OpenAI-shaped error with the right status, and no internals or keys
 * leak.
 */
class ErrorResponsesTest {
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void malformedJson_is400() {
    JsonNode error = expectError(harness.chat("{\"model\": \"x\", "), 400);
    assertThat(error.get("message").asText()).startsWith("malformed JSON");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void aFieldOfTheWrongType_is400NamingTheField() {
    JsonNode error =
        expectError(
            harness.chat(
                GatewayHarness.body("deepseek/deepseek-v3.2", false, ",\"max_tokens\":\"many\"")),
            400);
    assertThat(error.get("message").asText()).contains("max_tokens");
    assertThat(error.get("param").asText()).isEqualTo("max_tokens");
  }

  @Test
  void aMissingField_is400NamingTheField() {
    JsonNode error = expectError(harness.chat("{\"model\":\"deepseek/deepseek-v3.2\"}"), 400);
    assertThat(error.get("param").asText()).isEqualTo("messages");
  }

  @Test
  void aBodyOverTheLimit_is413() {
    String huge = "x".repeat(100 * 1024);
    JsonNode error =
        expectError(
            harness.chat(
                GatewayHarness.body("deepseek/deepseek-v3.2", false, ",\"user\":\"" + huge + "\"")),
            413);
    assertThat(error.get("code").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void aMissingKey_is401() {
    HttpRequest request =
        HttpRequest.newBuilder(harness.uri("/v1/chat/completions"))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    GatewayHarness.body("deepseek/deepseek-v3.2", false, "")))
            .build();
    assertThat(expectError(harness.send(request), 401).get("message").asText())
        .contains("Authorization: Bearer");
  }

  @Test
  void aWrongKey_is401_andIsNeverEchoed() {
    String wrong = "sk-sb-v1-thisIsNotAKeyWeIssued0000000000000000";
    HttpRequest request =
        harness
            .post("/v1/chat/completions", GatewayHarness.body("deepseek/deepseek-v3.2", false, ""))
            .setHeader("authorization", "Bearer " + wrong)
            .build();
    HttpResponse<String> response = harness.send(request);
    expectError(response, 401);
    assertThat(response.body()).doesNotContain(wrong).doesNotContain("thisIsNotAKey");
  }

  @Test
  void aRevokedKey_isRefusedWithinAboutASecond() throws Exception {
    var issued = harness.gateway.keys().create("to-revoke", OptionalLong.empty());
    HttpRequest request =
        harness
            .post("/v1/chat/completions", GatewayHarness.body("deepseek/deepseek-v3.2", false, ""))
            .setHeader("authorization", "Bearer " + issued.secret())
            .build();
    assertThat(harness.send(request).statusCode()).isEqualTo(200);
    harness.gateway.keys().revoke(issued.key().id());
    int status = 200;
    for (long deadline = System.nanoTime() + 5_000_000_000L;
        status == 200 && System.nanoTime() < deadline;
        Thread.sleep(100)) {
      status = harness.send(request).statusCode();
    }
    assertThat(status).isEqualTo(401);
  }

  @Test
  void aKeyThatCannotPayForTheRequest_is402_sayingWhatIsLeft() {
    var issued = harness.gateway.keys().create("tiny-budget", OptionalLong.of(1));
    HttpRequest request =
        harness
            .post("/v1/chat/completions", GatewayHarness.body("deepseek/deepseek-v3.2", false, ""))
            .setHeader("authorization", "Bearer " + issued.secret())
            .build();
    HttpResponse<String> refused = harness.send(request);
    JsonNode error = GatewayHarness.json(refused.body()).get("error");
    assertThat(refused.statusCode()).isEqualTo(402);
    assertThat(error.get("code").asText()).isEqualTo("insufficient_credit");
    assertThat(error.get("message").asText())
        .contains("credit limit ($0.000001) has $0.000001 left")
        .contains("needs at least");
  }

  @Test
  void aSessionIdThatIsNotText_is400_namingIt() {
    JsonNode error =
        expectError(
            harness.chat(GatewayHarness.body("deepseek/deepseek-v3.2", false, ",\"session_id\":5")),
            400);
    assertThat(error.get("param").asText()).isEqualTo("session_id");
    assertThat(error.get("message").asText()).contains("must be a string");
  }

  @Test
  void anUnknownModel_is404() {
    JsonNode error =
        expectError(harness.chat(GatewayHarness.body("nobody/no-such-model", false, "")), 404);
    assertThat(error.get("code").asText()).isEqualTo("model_not_found");
    assertThat(error.get("message").asText()).contains("nobody/no-such-model");
  }

  @Test
  void anUpstreamFailure_is502NamingTheProvider() {
    HttpResponse<String> response = harness.chat(GatewayHarness.body("test/broken", false, ""));
    JsonNode error = expectError(response, 502);
    assertThat(error.get("message").asText()).contains("sim-a").contains("HTTP 500");
    assertThat(error.get("metadata").get("provider_name").asText()).isEqualTo("sim-a");
    assertThat(
            harness
                .ledgerRow(response.headers().firstValue("x-generation-id").orElseThrow())
                .orElseThrow()
                .status())
        .isEqualTo(502);
  }

  @Test
  void anUpstreamTimeout_is504() {
    JsonNode error = expectError(harness.chat(GatewayHarness.body("test/slow", false, "")), 504);
    assertThat(error.get("code").asText()).isEqualTo("upstream_timeout");
  }

  @Test
  void aProviderThatFallsSilentAfterItsHeaders_is504() {
    JsonNode error = expectError(harness.chat(GatewayHarness.body("test/stall", false, "")), 504);
    assertThat(error.get("message").asText()).contains("sim-a");
  }

  @Test
  void expectContinue_isAnsweredAtOnce_soCurlDoesNotWaitASecond() throws Exception {
    byte[] body =
        GatewayHarness.body("deepseek/deepseek-v3.2", false, "")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", harness.gateway.port())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              ("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      + "Authorization: Bearer "
                      + harness.key
                      + "\r\nExpect: 100-continue\r\nContent-Length: "
                      + body.length
                      + "\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      var in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
      socket.getOutputStream().write(body);
      String line;
      do {
        line = in.readLine();
      } while (line != null && !line.startsWith("HTTP/1.1 "));
      assertThat(line).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  @Test
  void unknownRoutes_areOpenAiShaped404s() {
    HttpRequest request =
        HttpRequest.newBuilder(harness.uri("/v1/nothing-here"))
            .header("authorization", "Bearer " + harness.key)
            .GET()
            .build();
    expectError(harness.send(request), 404);
  }

  static JsonNode expectError(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("application/json");
    JsonNode error = GatewayHarness.json(response.body()).get("error");
    assertThat(error).as(response.body()).isNotNull();
    assertThat(error.get("message").asText())
        .isNotBlank()
        .doesNotContain("Exception")
        .doesNotContain("at dev.switchboard");
    return error;
  }
}
