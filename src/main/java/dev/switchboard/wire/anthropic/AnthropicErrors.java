package dev.switchboard.wire.anthropic;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.ProviderError;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamFailure.Retry;
import dev.switchboard.wire.WireException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Anthropic error bodies ({"type":"error","error":{"type","message"}}) in both directions, with the
 * error types of Anthropic's documentation (HTTP errors page).
 */
final class AnthropicErrors {
  private static final Pattern TYPE = Pattern.compile("[a-z0-9_]{1,48}");

  private AnthropicErrors() {}

  static ErrorBody encode(GatewayError error) {
    return new ErrorBody(error.kind().status(), Json.bytes(envelope(error)));
  }

  static ObjectNode envelope(GatewayError error) {
    ObjectNode root = Json.object().put("type", "error");
    root.putObject("error").put("type", type(error.kind())).put("message", error.safeMessage());
    return root;
  }

  static String type(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST,
          METHOD_NOT_ALLOWED,
          URI_TOO_LONG,
          HEADERS_TOO_LARGE,
          IDEMPOTENCY_KEY_IN_USE,
          IDEMPOTENCY_KEY_REUSED ->
          "invalid_request_error";
      case UNAUTHENTICATED -> "authentication_error";
      case INSUFFICIENT_CREDIT -> "billing_error";
      case POLICY_BLOCKED, FORBIDDEN -> "permission_error";
      case MODEL_NOT_FOUND, NOT_FOUND, NO_ENDPOINTS -> "not_found_error";
      case PAYLOAD_TOO_LARGE -> "request_too_large";
      case RATE_LIMITED -> "rate_limit_error";
      case REQUEST_TIMEOUT, UPSTREAM_TIMEOUT -> "timeout_error";
      case INTERNAL, UPSTREAM_FAILED -> "api_error";
      // No deployment can take the request now: Anthropic's word for "try again shortly".
      case NO_ELIGIBLE_ROUTE, UNAVAILABLE -> "overloaded_error";
    };
  }

  /**
   * Classifies a non-2xx upstream answer. Anthropic's x-should-retry header, when present, decides
   * whether another try may help; else the status does (529 overloaded and 5xx may, 4xx other than
   * 408/429 from a provider mean our request or our credentials, not the client's).
   */
  static UpstreamFailure decodeFailure(
      int status, Optional<Duration> retryAfter, Map<String, String> headers, byte[] body) {
    JsonNode error = errorOf(body);
    String detail = "HTTP " + status + describe(error, new String(body, UTF_8));
    ErrorKind kind =
        switch (status) {
          case 400, 413, 422 -> ErrorKind.INVALID_REQUEST;
          case 429 -> ErrorKind.RATE_LIMITED;
          case 408, 504 -> ErrorKind.UPSTREAM_TIMEOUT;
          default -> ErrorKind.UPSTREAM_FAILED;
        };
    Retry retry = kind == ErrorKind.INVALID_REQUEST ? Retry.FATAL : Retry.RETRYABLE;
    String shouldRetry = headers.getOrDefault("x-should-retry", "");
    if ("true".equals(shouldRetry)) {
      retry = Retry.RETRYABLE;
    } else if ("false".equals(shouldRetry)) {
      retry = Retry.FATAL;
    }
    UpstreamFailure failure = new UpstreamFailure(retry, kind, status, retryAfter, detail);
    return kind == ErrorKind.INVALID_REQUEST ? failure.withCause(cause(error)) : failure;
  }

  /**
   * Why a 400 was refused, in Anthropic's words: "prompt is too long: N tokens > M maximum", "input
   * length and `max_tokens` exceed context limit", or "Output blocked by content filtering policy".
   */
  private static UpstreamFailure.Cause cause(JsonNode error) {
    String message = error.path("message").asText("").toLowerCase(Locale.ROOT);
    if (message.contains("prompt is too long") || message.contains("exceed context limit")) {
      return UpstreamFailure.Cause.CONTEXT_LENGTH;
    }
    if (message.contains("content filtering policy") || message.contains("usage policy")) {
      return UpstreamFailure.Cause.CONTENT_POLICY;
    }
    return UpstreamFailure.Cause.NONE;
  }

  /** An {@code event: error} inside a stream that had begun: its type says whether to retry. */
  static UpstreamFailure streamFailure(JsonNode error) {
    String type = error.path("type").asText("");
    ErrorKind kind =
        switch (type) {
          case "invalid_request_error", "request_too_large" -> ErrorKind.INVALID_REQUEST;
          case "rate_limit_error" -> ErrorKind.RATE_LIMITED;
          case "timeout_error" -> ErrorKind.UPSTREAM_TIMEOUT;
          default -> ErrorKind.UPSTREAM_FAILED;
        };
    Retry retry = kind == ErrorKind.INVALID_REQUEST ? Retry.FATAL : Retry.RETRYABLE;
    int status =
        switch (type) {
          case "overloaded_error" -> 529;
          case "rate_limit_error" -> 429;
          case "invalid_request_error" -> 400;
          default -> 200;
        };
    UpstreamFailure failure =
        new UpstreamFailure(
            retry, kind, status, Optional.empty(), "error event in stream" + describe(error, ""));
    if (status == 200) {
      return failure;
    }
    // Before any content it answers an Anthropic client as Anthropic would have: 529 overloaded.
    ObjectNode reply = Json.object().put("type", "error");
    reply.set("error", error);
    return failure.withProviderError(
        ProviderError.of(AnthropicFormat.NAME, status, Json.bytes(reply)));
  }

  /** " (type): message"; the raw text when the body was no error object. Scrubbed by the caller. */
  private static String describe(JsonNode error, String raw) {
    String type = error.path("type").asText("");
    JsonNode message = error.path("message");
    String text = message.isTextual() ? message.asText() : error.isMissingNode() ? raw : "";
    return (TYPE.matcher(type).matches() ? " (" + type + ")" : "")
        + (text.isBlank() ? "" : ": " + text);
  }

  private static JsonNode errorOf(byte[] body) {
    try {
      return Json.tree(body).path("error");
    } catch (WireException e) {
      return MissingNode.getInstance();
    }
  }
}
