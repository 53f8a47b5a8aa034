package dev.switchboard.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.UpstreamFailure;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {
  @Test
  void aProviderError_isOurWordsWithItsStatusCodeAndScrubbedMessage() {
    UpstreamFailure failure =
        decode(
            401,
            "{\"error\":{\"message\":\"Incorrect API key provided: sk-live-abcdef123456\","
                + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
    assertThat(failure.detail())
        .isEqualTo("HTTP 401 (invalid_api_key): Incorrect API key provided: [redacted]");
  }

  @Test
  void aProviderThatEchoesOurHeaders_showsNoneOfThem() {
    UpstreamFailure failure =
        decode(
            400,
            "{\"error\":{\"message\":\"bad request, headers were {authorization=Bearer"
                + " opaque-value-9x8y7z, x-goog-api-key=anotherValue55}\",\"code\":400}}");
    assertThat(failure.detail())
        .startsWith("HTTP 400 (400): bad request")
        .doesNotContain("opaque-value", "anotherValue");
  }

  @Test
  void aTextBody_isOneShortLine() {
    String body = "<html>\r\n<title>502 Bad Gateway</title>\r\n" + "x ".repeat(1000) + "</html>";
    UpstreamFailure failure = decode(502, body);
    assertThat(failure.detail())
        .startsWith("HTTP 502: <html> <title>502 Bad Gateway</title>")
        .doesNotContain("\n", "\r")
        .hasSizeLessThanOrEqualTo(241);
  }

  @Test
  void anErrorInAStream_keepsItsCode_notFreeTextInTheCodeSlot() throws Exception {
    JsonNode error =
        Json.tree(
            "{\"message\":\"overloaded\\nFAKE LOG LINE\",\"code\":\"a code with spaces\","
                + "\"type\":\"server_error\"}");
    assertThat(OpenAiErrors.streamFailure(error).detail())
        .isEqualTo("error event in stream (server_error): overloaded FAKE LOG LINE");
  }

  private static UpstreamFailure decode(int status, String body) {
    return OpenAiErrors.decodeFailure(
        status, Optional.empty(), body.getBytes(StandardCharsets.UTF_8));
  }
}
