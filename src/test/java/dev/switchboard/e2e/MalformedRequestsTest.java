package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Requests no client library would send, over a raw socket: each gets a 4xx in OpenAI's error
 * shape, never a hang or a Java class name.
 */
class MalformedRequestsTest {
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void anEmptyBody_is400_notAHang() {
    try (RawHttp http = RawHttp.connect(harness.gateway.port())) {
      RawHttp.Response response =
          http.send(
                  RawHttp.head(
                      "POST /v1/chat/completions HTTP/1.1",
                      "Authorization",
                      "Bearer " + harness.key,
                      "Content-Type",
                      "application/json",
                      "Content-Length",
                      "0"))
              .response();
      assertThat(expectError(response, 400).get("message").asText())
          .isEqualTo("the request body is empty");
    }
  }

  @Test
  void bothTransferEncodingAndContentLength_is400() {
    // Netty's decoder refuses a final coding other than chunked (RFC 9112 6.1) before the
    // gateway could guess the framing: a 400 in the client's format all the same.
    for (String encoding : new String[] {"gzip", "identity"}) {
      try (RawHttp http = RawHttp.connect(harness.gateway.port())) {
        RawHttp.Response response =
            http.send(
                    RawHttp.head(
                            "POST /v1/chat/completions HTTP/1.1",
                            "Authorization",
                            "Bearer " + harness.key,
                            "Transfer-Encoding",
                            encoding,
                            "Content-Length",
                            "5")
                        + "0\r\n\r\n")
                .response();
        assertThat(expectError(response, 400).get("code").asText())
            .as(encoding)
            .isEqualTo("invalid_request");
        assertThat(http.closedByServer()).as(encoding).isTrue();
      }
    }
  }

  @Test
  void chunkedWithContentLength_is400_andTheConnectionCloses() {
    // RFC 9112 6.3: a server may refuse a body framed two ways, and must close the connection
    // after answering, so a smuggled suffix is never read as a next request.
    String json = GatewayHarness.body("deepseek/deepseek-v3.2", false, "");
    byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (RawHttp http = RawHttp.connect(harness.gateway.port())) {
      RawHttp.Response response =
          http.send(
                  RawHttp.head(
                          "POST /v1/chat/completions HTTP/1.1",
                          "Authorization",
                          "Bearer " + harness.key,
                          "Content-Type",
                          "application/json",
                          "Transfer-Encoding",
                          "chunked",
                          "Content-Length",
                          "3")
                      + Integer.toHexString(bytes.length)
                      + "\r\n"
                      + json
                      + "\r\n0\r\n\r\n"
                      + RawHttp.head("GET /health HTTP/1.1"))
              .response();
      assertThat(expectError(response, 400).get("message").asText())
          .isEqualTo("a request must not carry both Transfer-Encoding and Content-Length");
      assertThat(http.closedByServer()).as("the pipelined request is never answered").isTrue();
    }
  }

  @Test
  void twoAuthorizationHeaders_are400_notFirstWins() {
    String other = harness.gateway.keys().create("second", java.util.OptionalLong.empty()).secret();
    try (RawHttp http = RawHttp.connect(harness.gateway.port())) {
      RawHttp.Response response =
          http.send(
                  RawHttp.head(
                      "GET /v1/generation?id=gen-x HTTP/1.1",
                      "Authorization",
                      "Bearer " + harness.key,
                      "Authorization",
                      "Bearer " + other))
              .response();
      assertThat(expectError(response, 400).get("message").asText())
          .contains("one Authorization header");
    }
  }

  @Test
  void aWrongMethodOnAKnownPath_is405_withAllow() {
    try (RawHttp http = RawHttp.connect(harness.gateway.port())) {
      RawHttp.Response response =
          http.send(
                  RawHttp.head(
                      "GET /v1/chat/completions HTTP/1.1",
                      "Authorization",
                      "Bearer " + harness.key))
              .response();
      expectError(response, 405);
      assertThat(response.header("allow")).isEqualTo("POST");
    }
  }

  @Test
  void anUnknownPath_is404() {
    try (RawHttp http = RawHttp.connect(harness.gateway.port())) {
      expectError(http.send(RawHttp.head("GET /v1/nothing HTTP/1.1")).response(), 404);
    }
  }

  @Test
  void aHeadOverTheDefaultLimit_is431() {
    try (RawHttp http = RawHttp.connect(harness.gateway.port())) {
      RawHttp.Response response =
          http.send(RawHttp.head("GET /health HTTP/1.1", "X-Padding", "p".repeat(20_000)))
              .response();
      expectError(response, 431);
    }
  }

  static JsonNode expectError(RawHttp.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.header("content-type")).startsWith("application/json");
    JsonNode error = GatewayHarness.json(response.body()).get("error");
    assertThat(error).as(response.body()).isNotNull();
    assertThat(error.get("message").asText())
        .isNotBlank()
        .doesNotContain("Exception")
        .doesNotContain("at dev.switchboard");
    assertThat(error.get("type").asText()).isNotBlank();
    return error;
  }
}
