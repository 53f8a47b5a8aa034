package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamFailure.Retry;
import dev.switchboard.wire.WireException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** OpenAI error bodies ({"error":{message,type,code,param}}) in both directions. */
final class OpenAiErrors {
  private OpenAiErrors() {}

  static ErrorBody encode(GatewayError error) {
    ObjectNode root = Json.object();
    root.set("error", errorObject(error));
    return new ErrorBody(error.kind().status(), Json.bytes(root));
  }

  static ObjectNode errorObject(GatewayError error) {
    ObjectNode body =
        Json.object()
            .put("message", error.safeMessage())
            .put("type", type(error.kind()))
            .put("code", error.kind().code());
    error.param().ifPresentOrElse(param -> body.put("param", param), () -> body.putNull("param"));
    error
        .provider()
        .ifPresent(provider -> body.putObject("metadata").put("provider_name", provider));
    return body;
  }

  private static String type(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST,
          PAYLOAD_TOO_LARGE,
          MODEL_NOT_FOUND,
          NOT_FOUND,
          IDEMPOTENCY_KEY_IN_USE,
          IDEMPOTENCY_KEY_REUSED,
          METHOD_NOT_ALLOWED,
          REQUEST_TIMEOUT,
          URI_TOO_LONG,
          HEADERS_TOO_LARGE ->
          "invalid_request_error";
      case UNAUTHENTICATED -> "authentication_error";
      case INSUFFICIENT_CREDIT -> "insufficient_quota";
      case POLICY_BLOCKED -> "permission_error";
      case RATE_LIMITED -> "rate_limit_error";
      case INTERNAL -> "server_error";
      case UPSTREAM_FAILED, UPSTREAM_TIMEOUT -> "upstream_error";
      case NO_ELIGIBLE_ROUTE -> "service_unavailable_error";
    };
  }

  /**
   * Classifies a non-2xx upstream answer: whether another provider may help, and what the client
   * should see.
   */
  static UpstreamFailure decodeFailure(int status, Optional<Duration> retryAfter, byte[] body) {
    String detail = "HTTP " + status + messageOf(body).map(m -> ": " + m).orElse("");
    return switch (status) {
      case 400, 413, 422 ->
          new UpstreamFailure(Retry.FATAL, ErrorKind.INVALID_REQUEST, status, retryAfter, detail);
      case 408, 504 ->
          new UpstreamFailure(
              Retry.RETRYABLE, ErrorKind.UPSTREAM_TIMEOUT, status, retryAfter, detail);
      case 429 ->
          new UpstreamFailure(Retry.RETRYABLE, ErrorKind.RATE_LIMITED, status, retryAfter, detail);
      // 401/403/404 from a provider mean our credentials or model name are wrong there, not the
      // client's.
      default ->
          new UpstreamFailure(
              Retry.RETRYABLE, ErrorKind.UPSTREAM_FAILED, status, retryAfter, detail);
    };
  }

  static UpstreamFailure streamFailure(JsonNode error) {
    String message = error.path("message").asText("error event in stream");
    return new UpstreamFailure(
        Retry.RETRYABLE,
        ErrorKind.UPSTREAM_FAILED,
        200,
        Optional.empty(),
        "error event in stream: " + message);
  }

  private static Optional<String> messageOf(byte[] body) {
    try {
      JsonNode message = Json.tree(body).path("error").path("message");
      return message.isTextual() ? Optional.of(message.asText()) : Optional.empty();
    } catch (WireException e) {
      String text = new String(body, StandardCharsets.UTF_8).strip();
      return text.isEmpty()
          ? Optional.empty()
          : Optional.of(text.length() > 200 ? text.substring(0, 200) : text);
    }
  }
}
