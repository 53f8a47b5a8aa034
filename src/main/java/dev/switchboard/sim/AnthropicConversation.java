package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts an Anthropic Messages conversation into the sim's planning shape (Chat Completions
 * messages, see {@link SimRequest}): the system prompt becomes a system message, {@code tool_use}
 * blocks become tool calls, and each {@code tool_result} block becomes a tool message (keeping
 * {@code is_error}) placed after the user's text, so a turn that returns results is answered in
 * words. Thinking, image and document blocks carry no words to plan from and are skipped.
 */
final class AnthropicConversation {
  private AnthropicConversation() {}

  static List<JsonNode> messages(JsonNode system, JsonNode messages) {
    List<JsonNode> out = new ArrayList<>();
    String systemText = text(system);
    if (!systemText.isEmpty()) {
      out.add(message("system", systemText));
    }
    for (JsonNode message : messages) {
      String role = message.path("role").asText("user");
      JsonNode content = message.path("content");
      if (role.equals("assistant")) {
        out.add(assistant(content));
      } else {
        String words = text(content);
        List<JsonNode> results = toolResults(content);
        if (!words.isEmpty() || results.isEmpty()) {
          out.add(message(role.equals("system") ? "system" : "user", words));
        }
        out.addAll(results);
      }
    }
    return out;
  }

  /** The tools as {@code {name, description, parameters}}, from {@code input_schema}. */
  static List<JsonNode> functions(JsonNode tools) {
    List<JsonNode> functions = new ArrayList<>();
    for (JsonNode tool : tools) {
      if (!tool.path("name").isTextual()) {
        continue;
      }
      ObjectNode function = Json.object().put("name", tool.path("name").asText());
      function.put("description", tool.path("description").asText(""));
      if (tool.path("input_schema").isObject()) {
        function.set("parameters", tool.path("input_schema"));
      }
      functions.add(function);
    }
    return functions;
  }

  /** A string, or the {@code text} of every text block of an array, one per line. */
  static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      if (block.path("type").asText("text").equals("text") && block.path("text").isTextual()) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append(block.path("text").asText());
      }
    }
    return text.toString();
  }

  private static JsonNode assistant(JsonNode content) {
    ObjectNode message = message("assistant", text(content));
    ArrayNode calls = Json.array();
    for (JsonNode block : content) {
      if (block.path("type").asText().equals("tool_use")) {
        ObjectNode call = calls.addObject().put("id", block.path("id").asText(""));
        call.put("type", "function");
        call.putObject("function")
            .put("name", block.path("name").asText(""))
            .put(
                "arguments",
                block.path("input").isObject() ? Json.string(block.path("input")) : "{}");
      }
    }
    if (!calls.isEmpty()) {
      message.set("tool_calls", calls);
    }
    return message;
  }

  private static List<JsonNode> toolResults(JsonNode content) {
    List<JsonNode> results = new ArrayList<>();
    for (JsonNode block : content) {
      if (block.path("type").asText().equals("tool_result")) {
        ObjectNode result = message("tool", text(block.path("content")));
        result.put("tool_call_id", block.path("tool_use_id").asText(""));
        result.put("is_error", block.path("is_error").asBoolean(false));
        results.add(result);
      }
    }
    return results;
  }

  private static ObjectNode message(String role, String content) {
    return Json.object().put("role", role).put("content", content);
  }
}
