package dev.switchboard.wire.gemini;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamFailure.Retry;
import dev.switchboard.wire.WireException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google's error shape ({"error":{code,message,status,details}}) in both directions: our errors in
 * it with the HTTP status and google.rpc status word, and a provider's error classified.
 */
final class GeminiErrors {
  private static final String TYPE_PREFIX = "type.googleapis.com/google.rpc.";
  private static final Pattern STATUS = Pattern.compile("[A-Z_]{1,40}");
  private static final Pattern DELAY = Pattern.compile("(\\d{1,9})(\\.\\d{1,9})?s");

  /** ErrorInfo reasons that say our key is wrong for this provider, not the client's request. */
  private static final Set<String> OUR_KEY =
      Set.of("API_KEY_INVALID", "API_KEY_EXPIRED", "API_KEY_SERVICE_BLOCKED", "SERVICE_DISABLED");

  private GeminiErrors() {}

  static ErrorBody encode(GatewayError error) {
    return new ErrorBody(error.kind().status(), Json.bytes(envelope(error)));
  }

  /** {"error":{...}}: the body of an error reply and of an in-stream error event. */
  static ObjectNode envelope(GatewayError error) {
    ObjectNode root = Json.object();
    ObjectNode body =
        root.putObject("error")
            .put("code", error.kind().status())
            .put("message", error.safeMessage())
            .put("status", status(error.kind()));
    ObjectNode info =
        body.putArray("details")
            .addObject()
            .put("@type", TYPE_PREFIX + "ErrorInfo")
            .put("reason", error.kind().code())
            .put("domain", "switchboard");
    ObjectNode metadata = Json.object();
    error.param().ifPresent(param -> metadata.put("param", param));
    error.provider().ifPresent(provider -> metadata.put("provider_name", provider));
    if (!metadata.isEmpty()) {
      info.set("metadata", metadata);
    }
    error
        .retryAfter()
        .ifPresent(
            after ->
                body.withArray("details")
                    .addObject()
                    .put("@type", TYPE_PREFIX + "RetryInfo")
                    .put("retryDelay", Math.max(1, after.toSeconds()) + "s"));
    return root;
  }

  static String status(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST,
          PAYLOAD_TOO_LARGE,
          URI_TOO_LONG,
          HEADERS_TOO_LARGE,
          METHOD_NOT_ALLOWED,
          IDEMPOTENCY_KEY_REUSED ->
          "INVALID_ARGUMENT";
      case UNAUTHENTICATED -> "UNAUTHENTICATED";
      case POLICY_BLOCKED, FORBIDDEN -> "PERMISSION_DENIED";
      case MODEL_NOT_FOUND, NOT_FOUND, NO_ENDPOINTS -> "NOT_FOUND";
      case INSUFFICIENT_CREDIT, RATE_LIMITED -> "RESOURCE_EXHAUSTED";
      case IDEMPOTENCY_KEY_IN_USE -> "ABORTED";
      case REQUEST_TIMEOUT, UPSTREAM_TIMEOUT -> "DEADLINE_EXCEEDED";
      case INTERNAL -> "INTERNAL";
      case UPSTREAM_FAILED, NO_ELIGIBLE_ROUTE, UNAVAILABLE -> "UNAVAILABLE";
    };
  }

  /**
   * Classifies a non-2xx answer. 400 is the client's fault unless Google says the key or the
   * project is at fault (API_KEY_INVALID, FAILED_PRECONDITION for an unsupported region); 401, 403
   * and 404 mean our credentials or model name are wrong there; 429 and 5xx may work elsewhere.
   */
  static UpstreamFailure decodeFailure(int status, Optional<Duration> retryAfter, byte[] body) {
    JsonNode error = errorOf(body);
    String word = token(error.path("status"));
    String detail =
        "HTTP " + status + (word.isEmpty() ? "" : " (" + word + ")") + message(error, body);
    Optional<Duration> after = retryAfter.or(() -> retryDelay(error));
    boolean ourFault = "FAILED_PRECONDITION".equals(word) || OUR_KEY.contains(reason(error));
    return switch (status) {
      case 400, 413, 422 ->
          ourFault
              ? new UpstreamFailure(
                  Retry.RETRYABLE, ErrorKind.UPSTREAM_FAILED, status, after, detail)
              : new UpstreamFailure(Retry.FATAL, ErrorKind.INVALID_REQUEST, status, after, detail)
                  .withCause(cause(error));
      case 429 ->
          new UpstreamFailure(Retry.RETRYABLE, ErrorKind.RATE_LIMITED, status, after, detail);
      case 408, 504 ->
          new UpstreamFailure(Retry.RETRYABLE, ErrorKind.UPSTREAM_TIMEOUT, status, after, detail);
      default ->
          new UpstreamFailure(Retry.RETRYABLE, ErrorKind.UPSTREAM_FAILED, status, after, detail);
    };
  }

  /**
   * Why a 400 was refused, in Google's words: "The input token count (N) exceeds the maximum number
   * of tokens allowed (M)", or a prompt blocked for safety or prohibited content.
   */
  private static UpstreamFailure.Cause cause(JsonNode error) {
    String message = error.path("message").asText("").toLowerCase(Locale.ROOT);
    if (message.contains("exceeds the maximum number of tokens")
        || message.contains("input token count")) {
      return UpstreamFailure.Cause.CONTEXT_LENGTH;
    }
    if (message.contains("prohibited content")
        || message.contains("prohibited_content")
        || message.contains("safety")) {
      return UpstreamFailure.Cause.CONTENT_POLICY;
    }
    return UpstreamFailure.Cause.NONE;
  }

  /** An {"error":...} event inside a 200 stream: the attempt failed after it began. */
  static UpstreamFailure streamFailure(JsonNode error) {
    String word = token(error.path("status"));
    int code = error.path("code").canConvertToInt() ? error.path("code").asInt() : 200;
    ErrorKind kind =
        "RESOURCE_EXHAUSTED".equals(word) ? ErrorKind.RATE_LIMITED : ErrorKind.UPSTREAM_FAILED;
    return new UpstreamFailure(
        Retry.RETRYABLE,
        kind,
        code,
        retryDelay(error),
        "error event in stream"
            + (word.isEmpty() ? "" : " (" + word + ")")
            + message(error, new byte[0]));
  }

  /** Google's RetryInfo detail ("34.4s"), rounded up to whole milliseconds. */
  static Optional<Duration> retryDelay(JsonNode error) {
    for (JsonNode detail : error.path("details")) {
      if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
        Matcher matcher = DELAY.matcher(detail.path("retryDelay").asText(""));
        if (matcher.matches()) {
          BigDecimal seconds = new BigDecimal(matcher.group(0).replace("s", ""));
          long millis = seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValue();
          return Optional.of(Duration.ofMillis(millis));
        }
      }
    }
    return Optional.empty();
  }

  private static String reason(JsonNode error) {
    for (JsonNode detail : error.path("details")) {
      if (detail.path("@type").asText("").endsWith("google.rpc.ErrorInfo")) {
        return detail.path("reason").asText("");
      }
    }
    return "";
  }

  private static String message(JsonNode error, byte[] body) {
    JsonNode message = error.path("message");
    if (message.isTextual()) {
      return message.asText().isBlank() ? "" : ": " + message.asText();
    }
    return error.isMissingNode() && body.length > 0 ? ": " + new String(body, UTF_8) : "";
  }

  /** A status word worth showing: Google's upper-case enum names, never free text. */
  private static String token(JsonNode node) {
    String value = node.isTextual() ? node.asText() : "";
    return STATUS.matcher(value).matches() ? value : "";
  }

  private static JsonNode errorOf(byte[] body) {
    try {
      JsonNode root = Json.tree(body);
      // Some proxies answer a one-element array of the error object.
      JsonNode first = root.isArray() && !root.isEmpty() ? root.get(0) : root;
      return first.path("error");
    } catch (WireException e) {
      return MissingNode.getInstance();
    }
  }
}
