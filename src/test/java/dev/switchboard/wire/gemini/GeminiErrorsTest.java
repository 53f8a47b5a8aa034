package dev.switchboard.wire.gemini;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamFailure.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeminiErrorsTest {
  private final GeminiFormat gemini = new GeminiFormat();

  private UpstreamFailure recorded(String scenario) {
    int status =
        Integer.parseInt(
            new String(Fixtures.bytes("gemini", scenario, "upstream-error.status"), UTF_8).strip());
    return gemini.decodeFailure(
        status,
        Optional.empty(),
        Map.of(),
        Fixtures.bytes("gemini", scenario, "upstream-error.json"));
  }

  @Test
  void rateLimitsAreRetryable_afterGooglesRetryDelay() {
    UpstreamFailure failure = recorded("error-rate-limited");
    assertThat(failure.retry()).isEqualTo(Retry.RETRYABLE);
    assertThat(failure.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(failure.retryAfter()).contains(Duration.ofMillis(34_400));
    assertThat(failure.detail()).startsWith("HTTP 429 (RESOURCE_EXHAUSTED): You exceeded");
  }

  @Test
  void aRetryAfterHeaderWinsOverTheBody() {
    UpstreamFailure failure =
        gemini.decodeFailure(
            429,
            Optional.of(Duration.ofSeconds(3)),
            Map.of(),
            Fixtures.bytes("gemini", "error-rate-limited", "upstream-error.json"));
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(3));
  }

  @Test
  void overloadIsRetryable_andABadRequestIsFatal() {
    UpstreamFailure overloaded = recorded("error-overloaded");
    assertThat(overloaded.retry()).isEqualTo(Retry.RETRYABLE);
    assertThat(overloaded.kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED);
    UpstreamFailure invalid = recorded("error-invalid");
    assertThat(invalid.retry()).isEqualTo(Retry.FATAL);
    assertThat(invalid.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(invalid.detail()).contains("Penalty is not enabled");
  }

  @Test
  void ourKeyOrRegionBeingWrongThereMayWorkElsewhere() {
    String badKey =
        "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\","
            + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\"}]}}";
    String region =
        "{\"error\":{\"code\":400,\"message\":\"User location is not supported for the API use.\",\"status\":\"FAILED_PRECONDITION\"}}";
    for (String body : List.of(badKey, region)) {
      UpstreamFailure failure =
          gemini.decodeFailure(400, Optional.empty(), Map.of(), body.getBytes(UTF_8));
      assertThat(failure.retry()).as(body).isEqualTo(Retry.RETRYABLE);
    }
    for (int status : List.of(401, 403, 404, 500)) {
      assertThat(
              gemini
                  .decodeFailure(status, Optional.empty(), Map.of(), new byte[0])
                  .mayTryElsewhere())
          .isTrue();
    }
    assertThat(gemini.decodeFailure(504, Optional.empty(), Map.of(), new byte[0]).kind())
        .isEqualTo(ErrorKind.UPSTREAM_TIMEOUT);
  }

  @Test
  void aNonJsonBodyIsKeptScrubbed() {
    UpstreamFailure failure =
        gemini.decodeFailure(
            502,
            Optional.empty(),
            Map.of(),
            "<html>bad gateway key=AIzaSyA1234567890123456789012345</html>".getBytes(UTF_8));
    assertThat(failure.detail()).contains("bad gateway").doesNotContain("AIzaSy");
  }

  @Test
  void ourErrorsAreGoogleErrorsWithTheRightStatus() throws Exception {
    ErrorBody body =
        gemini.encodeError(
            GatewayError.builder(ErrorKind.RATE_LIMITED, "slow down")
                .retryAfter(Duration.ofSeconds(7))
                .build());
    assertThat(body.status()).isEqualTo(429);
    JsonNode error = Json.tree(body.body()).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(429);
    assertThat(error.path("message").asText()).isEqualTo("slow down");
    assertThat(error.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(error.path("details").get(1).path("retryDelay").asText()).isEqualTo("7s");
    // The retry delay reads back as Google's own detail does.
    assertThat(GeminiErrors.retryDelay(error)).contains(Duration.ofSeconds(7));
    assertThat(status(ErrorKind.INVALID_REQUEST)).isEqualTo("400 INVALID_ARGUMENT");
    assertThat(status(ErrorKind.UNAUTHENTICATED)).isEqualTo("401 UNAUTHENTICATED");
    assertThat(status(ErrorKind.POLICY_BLOCKED)).isEqualTo("403 PERMISSION_DENIED");
    assertThat(status(ErrorKind.MODEL_NOT_FOUND)).isEqualTo("404 NOT_FOUND");
    assertThat(status(ErrorKind.PAYLOAD_TOO_LARGE)).isEqualTo("413 INVALID_ARGUMENT");
    assertThat(status(ErrorKind.INTERNAL)).isEqualTo("500 INTERNAL");
    assertThat(status(ErrorKind.NO_ELIGIBLE_ROUTE)).isEqualTo("503 UNAVAILABLE");
    assertThat(status(ErrorKind.UPSTREAM_TIMEOUT)).isEqualTo("504 DEADLINE_EXCEEDED");
  }

  private String status(ErrorKind kind) throws Exception {
    ErrorBody body = gemini.encodeError(GatewayError.of(kind, "x"));
    return body.status() + " " + Json.tree(body.body()).path("error").path("status").asText();
  }

  @Test
  void anInStreamFailureIsAnErrorChunk() throws Exception {
    List<SseEvent> out = new ArrayList<>();
    gemini
        .newStreamEncoder(GeminiRequestParserTest.fixture("text-stream"))
        .fail(GatewayError.of(ErrorKind.UPSTREAM_FAILED, "the provider failed"), out::add);
    JsonNode error = Json.tree(out.getFirst().data()).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(502);
    assertThat(error.path("status").asText()).isEqualTo("UNAVAILABLE");
    assertThat(error.path("message").asText()).isEqualTo("the provider failed");
  }
}
