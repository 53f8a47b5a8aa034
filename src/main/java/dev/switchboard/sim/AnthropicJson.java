package dev.switchboard.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;

/**
 * Anthropic Messages bodies: the message, its content blocks, stop reasons, usage (input_tokens
 * excludes cache reads and writes, output_tokens includes thinking) and the error envelope {@code
 * {"type":"error","error":{"type","message"}}} with the type that goes with each HTTP status.
 */
final class AnthropicJson {
  private AnthropicJson() {}

  /** The whole message; {@code withUsage} false leaves usage out (the no-usage fault). */
  static String message(Envelope envelope, Answer answer, boolean withUsage) {
    ObjectNode message = header(envelope);
    ArrayNode content = message.putArray("content");
    if (!answer.reasoning().isEmpty()) {
      content
          .addObject()
          .put("type", "thinking")
          .put("thinking", answer.reasoning())
          .put("signature", ThoughtSignature.of(envelope.id(), answer.reasoning()));
    }
    if (!answer.content().isEmpty()) {
      content.addObject().put("type", "text").put("text", answer.content());
    }
    answer
        .toolCall()
        .ifPresent(
            call -> {
              ObjectNode block = content.addObject().put("type", "tool_use");
              block.put("id", toolUseId(call)).put("name", call.name());
              block.set("input", call.argumentsObject());
            });
    message.put("stop_reason", stopReason(answer));
    message.put("stop_sequence", answer.stopSequence().orElse(null));
    if (withUsage) {
      message.set("usage", usage(answer.usage(), answer.usage().completion()));
    }
    return Json.string(message);
  }

  /** The message as message_start carries it: no content, no stop reason yet. */
  static ObjectNode started(Envelope envelope, Answer.TokenUsage usage) {
    ObjectNode message = header(envelope);
    message.putArray("content");
    message.putNull("stop_reason").putNull("stop_sequence");
    message.set("usage", usage(usage, 1));
    return message;
  }

  static ObjectNode header(Envelope envelope) {
    return Json.object()
        .put("id", envelope.id())
        .put("type", "message")
        .put("role", "assistant")
        .put("model", envelope.model());
  }

  static ObjectNode usage(Answer.TokenUsage usage, int outputTokens) {
    ObjectNode node = Json.object().put("input_tokens", usage.uncached());
    node.put("cache_creation_input_tokens", usage.cache().written());
    node.put("cache_read_input_tokens", usage.cache().read());
    node.putObject("cache_creation")
        .put("ephemeral_5m_input_tokens", usage.cache().written5m())
        .put("ephemeral_1h_input_tokens", usage.cache().written1h());
    node.put("output_tokens", outputTokens);
    return node.put("service_tier", "standard");
  }

  static String stopReason(Answer answer) {
    return switch (answer.finishReason()) {
      case "length" -> "max_tokens";
      case "tool_calls" -> "tool_use";
      case "content_filter" -> "refusal";
      default -> answer.stopSequence().isPresent() ? "stop_sequence" : "end_turn";
    };
  }

  /** Anthropic's tool ids read "toolu_01" and 22 characters, taken from the sim's call id. */
  static String toolUseId(Answer.ToolCall call) {
    String random = call.id().substring(call.id().indexOf('_') + 1);
    return "toolu_01" + random.substring(0, Math.min(22, random.length()));
  }

  /** {@code {"type":"error","error":{...}}}, the type chosen by the status. */
  static String error(SimError error) {
    ObjectNode root = Json.object().put("type", "error");
    root.putObject("error").put("type", errorType(error.status())).put("message", error.message());
    return Json.string(root);
  }

  static String errorType(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 504 -> "timeout_error";
      case 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }

  /** The message Anthropic sends with this status, for the status-N fault. */
  static SimError statusError(int status) {
    String message =
        switch (status) {
          case 401 -> "invalid x-api-key";
          case 403 -> "Your API key does not have permission to use the specified resource.";
          case 404 -> "The requested resource could not be found.";
          case 413 -> "Request exceeds the maximum allowed number of bytes.";
          case 429 -> "Number of request tokens has exceeded your per-minute rate limit.";
          case 500 -> "Internal server error";
          case 529 -> "Overloaded";
          default -> "Simulated error " + status + ".";
        };
    return new SimError(status, message, errorType(status), null, null);
  }
}
