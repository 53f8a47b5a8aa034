package dev.switchboard.wire.openai;

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
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** OpenAI error bodies ({"error":{message,type,code,param}}) in both directions. */
final class OpenAiErrors {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.:-]{1,48}");

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
          NO_ENDPOINTS,
          IDEMPOTENCY_KEY_IN_USE,
          IDEMPOTENCY_KEY_REUSED,
          METHOD_NOT_ALLOWED,
          REQUEST_TIMEOUT,
          URI_TOO_LONG,
          HEADERS_TOO_LARGE ->
          "invalid_request_error";
      case UNAUTHENTICATED -> "authentication_error";
      case INSUFFICIENT_CREDIT -> "insufficient_quota";
      case POLICY_BLOCKED, FORBIDDEN -> "permission_error";
      case RATE_LIMITED -> "rate_limit_error";
      case INTERNAL -> "server_error";
      case UPSTREAM_FAILED, UPSTREAM_TIMEOUT -> "upstream_error";
      case NO_ELIGIBLE_ROUTE, UNAVAILABLE -> "service_unavailable_error";
    };
  }

  /**
   * Classifies a non-2xx upstream answer: whether another provider may help, and what the client
   * should see: our words, the status and the provider's error code, then its scrubbed message.
   */
  static UpstreamFailure decodeFailure(int status, Optional<Duration> retryAfter, byte[] body) {
    JsonNode error = errorOf(body);
    String detail = "HTTP " + status + describe(error, new String(body, UTF_8));
    return switch (status) {
      case 400, 413, 422 ->
          new UpstreamFailure(Retry.FATAL, ErrorKind.INVALID_REQUEST, status, retryAfter, detail)
              // vLLM and some other servers put the error's fields at the top level.
              .withCause(cause(error.isMissingNode() ? rootOf(body) : error));
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

  /**
   * Why a 400 was refused, from OpenAI's codes and the phrases OpenAI-compatible servers use (vLLM,
   * OpenRouter and Azure word them alike): too long for this model's context, or refused by a
   * content policy.
   */
  private static UpstreamFailure.Cause cause(JsonNode error) {
    String code = error.path("code").asText("");
    String message = error.path("message").asText("").toLowerCase(Locale.ROOT);
    if ("context_length_exceeded".equals(code)
        || message.contains("maximum context length")
        || message.contains("context length exceeded")) {
      return UpstreamFailure.Cause.CONTEXT_LENGTH;
    }
    if ("content_policy_violation".equals(code)
        || "content_filter".equals(code)
        || message.contains("content management policy")) {
      return UpstreamFailure.Cause.CONTENT_POLICY;
    }
    return UpstreamFailure.Cause.NONE;
  }

  static UpstreamFailure streamFailure(JsonNode error) {
    return new UpstreamFailure(
        Retry.RETRYABLE,
        ErrorKind.UPSTREAM_FAILED,
        200,
        Optional.empty(),
        "error event in stream" + describe(error, ""));
  }

  /**
   * " (code): message" from an OpenAI error object; the raw text when the body was no such object.
   * UpstreamFailure scrubs and clips whatever this returns.
   */
  private static String describe(JsonNode error, String raw) {
    String code = token(error.path("code")).or(() -> token(error.path("type"))).orElse("");
    JsonNode message = error.path("message");
    String text =
        error.isTextual()
            ? error.asText()
            : message.isTextual() ? message.asText() : error.isMissingNode() ? raw : "";
    return (code.isEmpty() ? "" : " (" + code + ")") + (text.isBlank() ? "" : ": " + text);
  }

  /** An error code worth showing: a short identifier, never free text. */
  private static Optional<String> token(JsonNode node) {
    String value = node.isTextual() || node.isIntegralNumber() ? node.asText() : "";
    return CODE.matcher(value).matches() ? Optional.of(value) : Optional.empty();
  }

  private static JsonNode errorOf(byte[] body) {
    return rootOf(body).path("error");
  }

  private static JsonNode rootOf(byte[] body) {
    try {
      return Json.tree(body);
    } catch (WireException e) {
      return MissingNode.getInstance();
    }
  }
}
