package dev.switchboard.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * An error the sim answers with: an HTTP status and a message, plus OpenAI's type, param and code.
 * OpenAI bodies carry every field ({@code {"error":{message,type,param,code}}}); the other formats
 * render the status and message in their own envelope, with the error type or status string that
 * goes with the HTTP status (see {@link Dialect#errorBody}). Messages and codes copy the real APIs,
 * so a gateway's failure decoder is tested against them.
 */
record SimError(
    int status, String message, String type, @Nullable String param, @Nullable String code) {

  static SimError invalidApiKey() {
    return new SimError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header"
            + " using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        "invalid_request_error",
        null,
        "invalid_api_key");
  }

  static SimError invalidUrl(String method, String path) {
    return new SimError(
        404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error", null, null);
  }

  static SimError badRequest(String message, @Nullable String param, @Nullable String code) {
    return new SimError(400, message, "invalid_request_error", param, code);
  }

  /** The body real providers send with this status, for the {@code status-<code>} fault. */
  static SimError forStatus(int status) {
    return switch (status) {
      case 401 -> invalidApiKey();
      case 403 ->
          new SimError(
              403,
              "Project does not have access to this model.",
              "invalid_request_error",
              null,
              "model_not_found");
      case 404 ->
          new SimError(
              404,
              "The model does not exist or you do not have access to it.",
              "invalid_request_error",
              null,
              "model_not_found");
      case 429 ->
          new SimError(
              429,
              "Rate limit reached for requests. Please try again in 1s.",
              "requests",
              null,
              "rate_limit_exceeded");
      case 503 ->
          new SimError(
              503,
              "The engine is currently overloaded, please try again later.",
              "server_error",
              null,
              null);
      default -> status >= 500 ? serverError(status) : badRequestWithStatus(status);
    };
  }

  /** The error OpenAI sends in-band when a stream fails after it started. */
  static SimError inStream() {
    return new SimError(
        500, "The server had an error while processing your request.", "server_error", null, null);
  }

  private static SimError serverError(int status) {
    return new SimError(
        status,
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
        null,
        null);
  }

  private static SimError badRequestWithStatus(int status) {
    return new SimError(
        status, "Simulated client error " + status + ".", "invalid_request_error", null, null);
  }

  /**
   * Real providers ask clients to come back after 429, 503 and Anthropic's 529; the sim says one
   * second.
   */
  OptionalInt retryAfterSeconds() {
    return status == 429 || status == 503 || status == 529
        ? OptionalInt.of(1)
        : OptionalInt.empty();
  }

  String toJson() {
    ObjectNode error = Json.object();
    error.put("message", message).put("type", type).put("param", param).put("code", code);
    ObjectNode root = Json.object();
    root.set("error", error);
    return Json.string(root);
  }
}
