package dev.switchboard.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamFailure.Retry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicErrorsTest {
  private final AnthropicFormat format = new AnthropicFormat();

  @ParameterizedTest
  @CsvSource({
    "INVALID_REQUEST, 400, invalid_request_error",
    "UNAUTHENTICATED, 401, authentication_error",
    "INSUFFICIENT_CREDIT, 402, billing_error",
    "POLICY_BLOCKED, 403, permission_error",
    "MODEL_NOT_FOUND, 404, not_found_error",
    "PAYLOAD_TOO_LARGE, 413, request_too_large",
    "RATE_LIMITED, 429, rate_limit_error",
    "INTERNAL, 500, api_error",
    "UPSTREAM_FAILED, 502, api_error",
    "NO_ELIGIBLE_ROUTE, 503, overloaded_error",
    "UPSTREAM_TIMEOUT, 504, timeout_error"
  })
  void encodesErrorsInAnthropicsShape(ErrorKind kind, int status, String type) throws Exception {
    ErrorBody body = format.encodeError(GatewayError.of(kind, "what went wrong"));
    assertThat(body.status()).isEqualTo(status);
    JsonNode json = Json.tree(body.body());
    assertThat(json.path("type").asText()).isEqualTo("error");
    assertThat(json.at("/error/type").asText()).isEqualTo(type);
    assertThat(json.at("/error/message").asText()).isEqualTo("what went wrong");
  }

  @Test
  void overloadedIsRetryable_invalidIsFatal() {
    UpstreamFailure overloaded = recorded("error-overloaded", Map.of());
    assertThat(overloaded.status()).isEqualTo(529);
    assertThat(overloaded.retry()).isEqualTo(Retry.RETRYABLE);
    assertThat(overloaded.detail()).isEqualTo("HTTP 529 (overloaded_error): Overloaded");
    UpstreamFailure invalid = recorded("error-invalid", Map.of());
    assertThat(invalid.retry()).isEqualTo(Retry.FATAL);
    assertThat(invalid.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(invalid.detail()).contains("invalid_request_error").contains("tool_use_id");
  }

  @Test
  void honoursXShouldRetry() {
    assertThat(recorded("error-overloaded", Map.of("x-should-retry", "false")).retry())
        .isEqualTo(Retry.FATAL);
    assertThat(recorded("error-invalid", Map.of("x-should-retry", "true")).retry())
        .isEqualTo(Retry.RETRYABLE);
  }

  @Test
  void keepsRetryAfter_andSurvivesABodyThatIsNoJson() {
    UpstreamFailure limited =
        format.decodeFailure(
            429,
            Optional.of(Duration.ofSeconds(7)),
            Map.of(),
            "<html>slow down</html>".getBytes(StandardCharsets.UTF_8));
    assertThat(limited.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(limited.detail()).contains("slow down");
  }

  private UpstreamFailure recorded(String scenario, Map<String, String> headers) {
    int status =
        Integer.parseInt(
            new String(
                    Fixtures.bytes("anthropic", scenario, "upstream-error.status"),
                    StandardCharsets.UTF_8)
                .trim());
    return format.decodeFailure(
        status,
        Optional.empty(),
        headers,
        Fixtures.bytes("anthropic", scenario, "upstream-error.json"));
  }
}
