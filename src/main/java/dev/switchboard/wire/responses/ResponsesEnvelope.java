package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The response object around the output items, with every field the API always sends (SDKs require
 * them): the request's own settings echoed when the client spoke this format, the API's defaults
 * otherwise.
 */
final class ResponsesEnvelope {
  /** Request fields the response object echoes, and their value when the client sent none. */
  private static final List<String> ECHOED =
      List.of(
          "instructions",
          "max_output_tokens",
          "parallel_tool_calls",
          "reasoning",
          "temperature",
          "text",
          "tool_choice",
          "tools",
          "top_p",
          "metadata");

  private ResponsesEnvelope() {}

  /** The response object with no output yet, status {@code status}. */
  static ObjectNode of(
      String id, long created, String model, String status, @Nullable ChatRequest request) {
    ObjectNode root =
        Json.object()
            .put("id", id)
            .put("object", "response")
            .put("created_at", created)
            .put("status", status)
            .put("background", false)
            .putNull("error")
            .putNull("incomplete_details");
    JsonNode sent =
        request != null && ResponsesFormat.NAME.equals(request.source().format())
            ? request.source().body()
            : Json.object();
    for (String field : ECHOED) {
      JsonNode value = sent.get(field);
      root.set(field, value == null || value.isNull() ? defaultOf(field) : value.deepCopy());
    }
    root.put("model", model);
    root.putArray("output");
    root.putNull("previous_response_id");
    root.put("store", false);
    root.put("truncation", "disabled");
    root.putNull("usage");
    root.putNull("user");
    return root;
  }

  private static JsonNode defaultOf(String field) {
    return switch (field) {
      case "parallel_tool_calls" -> Json.object().booleanNode(true);
      case "temperature", "top_p" -> Json.object().numberNode(1.0);
      case "text" -> {
        ObjectNode text = Json.object();
        text.putObject("format").put("type", "text");
        yield text;
      }
      case "tool_choice" -> Json.object().textNode("auto");
      case "tools" -> Json.array();
      case "metadata" -> Json.object();
      case "reasoning" -> {
        ObjectNode reasoning = Json.object();
        yield reasoning.putNull("effort").putNull("summary");
      }
      default -> NullNode.getInstance();
    };
  }

  /**
   * The status an answer that ended so gets, and why it is incomplete: the token limit, the
   * provider's filter, or the provider's own word for any other end that is not a clean stop.
   */
  static void finish(ObjectNode root, Finish finish) {
    String reason =
        switch (finish.reason()) {
          case STOP, STOP_SEQUENCE, TOOL_CALLS -> null;
          case LENGTH -> "max_output_tokens";
          case CONTENT_FILTER -> "content_filter";
          case PAUSE, ERROR, OTHER -> finish.raw().isEmpty() ? "other" : finish.raw();
        };
    if (reason == null) {
      root.put("status", ResponsesItems.COMPLETED);
    } else {
      root.put("status", "incomplete");
      root.putObject("incomplete_details").put("reason", reason);
    }
  }

  /** How an answer read from a response object ended; {@code calledTools} tells a tool turn. */
  static Finish finishOf(JsonNode root, boolean calledTools) {
    String status = root.path("status").asText("");
    if (status.equals(ResponsesItems.COMPLETED)) {
      return calledTools
          ? Finish.of(FinishReason.TOOL_CALLS, status)
          : Finish.of(FinishReason.STOP, status);
    }
    String reason = root.path("incomplete_details").path("reason").asText(status);
    return switch (reason) {
      case "max_output_tokens" -> Finish.of(FinishReason.LENGTH, reason);
      case "content_filter" -> Finish.of(FinishReason.CONTENT_FILTER, reason);
      default -> Finish.of(FinishReason.OTHER, reason);
    };
  }
}
