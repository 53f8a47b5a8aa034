package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatMessage;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.ToolCall;
import dev.switchboard.wire.ToolSpec;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses and validates a Chat Completions body. Fields we know are type-checked and an error names
 * the field; fields we do not know are kept untouched in the request source for passthrough.
 */
final class OpenAiRequestParser {
  private enum Kind {
    STRING,
    BOOLEAN,
    INTEGER,
    NUMBER,
    OBJECT,
    ARRAY,
    STRING_OR_ARRAY,
    STRING_OR_OBJECT
  }

  private static final Map<String, Kind> TOP_LEVEL =
      Map.ofEntries(
          Map.entry("model", Kind.STRING),
          Map.entry("messages", Kind.ARRAY),
          Map.entry("stream", Kind.BOOLEAN),
          Map.entry("stream_options", Kind.OBJECT),
          Map.entry("max_tokens", Kind.INTEGER),
          Map.entry("max_completion_tokens", Kind.INTEGER),
          Map.entry("n", Kind.INTEGER),
          Map.entry("seed", Kind.INTEGER),
          Map.entry("top_logprobs", Kind.INTEGER),
          Map.entry("temperature", Kind.NUMBER),
          Map.entry("top_p", Kind.NUMBER),
          Map.entry("frequency_penalty", Kind.NUMBER),
          Map.entry("presence_penalty", Kind.NUMBER),
          Map.entry("stop", Kind.STRING_OR_ARRAY),
          Map.entry("tools", Kind.ARRAY),
          Map.entry("tool_choice", Kind.STRING_OR_OBJECT),
          Map.entry("parallel_tool_calls", Kind.BOOLEAN),
          Map.entry("response_format", Kind.OBJECT),
          Map.entry("logprobs", Kind.BOOLEAN),
          Map.entry("logit_bias", Kind.OBJECT),
          Map.entry("user", Kind.STRING),
          Map.entry("metadata", Kind.OBJECT),
          Map.entry("reasoning_effort", Kind.STRING),
          Map.entry("reasoning", Kind.OBJECT),
          Map.entry("models", Kind.ARRAY));

  private static final Set<String> ROLES =
      Set.of("system", "developer", "user", "assistant", "tool", "function");

  private OpenAiRequestParser() {}

  static ChatRequest parse(byte[] body) throws WireException {
    JsonNode root = Json.tree(body);
    if (!(root instanceof ObjectNode object)) {
      throw new WireException("the request body must be a JSON object");
    }
    for (Map.Entry<String, Kind> field : TOP_LEVEL.entrySet()) {
      JsonNode value = object.get(field.getKey());
      if (value != null && !value.isNull()) {
        check(value, field.getValue(), field.getKey());
      }
    }
    String model = required(object, "model").asText();
    if (model.isBlank()) {
      throw new WireException("model: must not be empty", "model", null);
    }
    JsonNode messages = required(object, "messages");
    if (messages.isEmpty()) {
      throw new WireException("messages: at least one message is required", "messages", null);
    }
    List<ChatMessage> parsed = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      parsed.add(message(messages.get(i), "messages[" + i + "]"));
    }
    return new ChatRequest(
        model,
        parsed,
        tools(object.path("tools")),
        object.path("stream").asBoolean(false),
        maxTokens(object),
        new ChatRequest.Source(OpenAiFormat.NAME, object));
  }

  private static JsonNode required(ObjectNode object, String field) throws WireException {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      throw new WireException(field + ": required", field, null);
    }
    return value;
  }

  private static OptionalLong maxTokens(ObjectNode object) throws WireException {
    for (String field : List.of("max_completion_tokens", "max_tokens")) {
      JsonNode value = object.get(field);
      if (value != null && !value.isNull()) {
        if (value.asLong() < 1) {
          throw new WireException(field + ": must be at least 1", field, null);
        }
        return OptionalLong.of(value.asLong());
      }
    }
    return OptionalLong.empty();
  }

  private static ChatMessage message(JsonNode node, String path) throws WireException {
    check(node, Kind.OBJECT, path);
    JsonNode role = node.get("role");
    if (role == null || !role.isTextual()) {
      throw new WireException(path + ".role: required, a string", path + ".role", null);
    }
    if (!ROLES.contains(role.asText())) {
      throw new WireException(
          path + ".role: unknown role '" + clip(role.asText()) + "'", path + ".role", null);
    }
    List<ToolCall> calls = toolCalls(node.path("tool_calls"), path + ".tool_calls");
    Optional<String> toolCallId = Optional.ofNullable(node.path("tool_call_id").textValue());
    return new ChatMessage(
        role.asText(), content(node.get("content"), path + ".content"), calls, toolCallId);
  }

  private static String content(JsonNode content, String path) throws WireException {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw new WireException(
          path + ": expected a string or an array of content parts", path, null);
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      if (!part.isObject() || !part.path("type").isTextual()) {
        throw new WireException(
            path + "[" + i + "].type: required, a string", path + "[" + i + "].type", null);
      }
      if (part.path("text").isTextual()) {
        text.append(part.get("text").asText());
      }
    }
    return text.toString();
  }

  private static List<ToolCall> toolCalls(JsonNode calls, String path) throws WireException {
    if (calls.isMissingNode() || calls.isNull()) {
      return List.of();
    }
    check(calls, Kind.ARRAY, path);
    return OpenAiToolCalls.decode(calls);
  }

  private static List<ToolSpec> tools(JsonNode tools) throws WireException {
    if (tools.isMissingNode() || tools.isNull()) {
      return List.of();
    }
    List<ToolSpec> out = new ArrayList<>(tools.size());
    for (int i = 0; i < tools.size(); i++) {
      JsonNode function = tools.get(i).path("function");
      if (!function.path("name").isTextual()) {
        String path = "tools[" + i + "].function.name";
        throw new WireException(path + ": required, a string", path, null);
      }
      out.add(
          new ToolSpec(
              function.get("name").asText(),
              Optional.ofNullable(function.path("description").textValue()),
              function.path("parameters")));
    }
    return out;
  }

  private static void check(JsonNode value, Kind kind, String path) throws WireException {
    boolean ok =
        switch (kind) {
          case STRING -> value.isTextual();
          case BOOLEAN -> value.isBoolean();
          case INTEGER -> value.isIntegralNumber();
          case NUMBER -> value.isNumber();
          case OBJECT -> value.isObject();
          case ARRAY -> value.isArray();
          case STRING_OR_ARRAY -> value.isTextual() || value.isArray();
          case STRING_OR_OBJECT -> value.isTextual() || value.isObject();
        };
    if (!ok) {
      String expected = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      throw new WireException(
          path + ": expected " + article(expected) + ", got " + describe(value.getNodeType()),
          path,
          null);
    }
  }

  private static String article(String expected) {
    return (expected.startsWith("a") || expected.startsWith("i") || expected.startsWith("o")
            ? "an "
            : "a ")
        + expected;
  }

  private static String describe(JsonNodeType type) {
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String clip(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
