package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatMessage;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.ToolCall;
import dev.switchboard.wire.ToolSpec;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses and validates a Chat Completions body. Fields we know are type-checked and an error names
 * the field; fields we do not know are kept untouched in the request source for passthrough.
 */
final class OpenAiRequestParser {
  private static final Map<String, JsonKind> TOP_LEVEL =
      Map.ofEntries(
          Map.entry("model", JsonKind.STRING),
          Map.entry("messages", JsonKind.ARRAY),
          Map.entry("stream", JsonKind.BOOLEAN),
          Map.entry("stream_options", JsonKind.OBJECT),
          Map.entry("max_tokens", JsonKind.INTEGER),
          Map.entry("max_completion_tokens", JsonKind.INTEGER),
          Map.entry("n", JsonKind.INTEGER),
          Map.entry("seed", JsonKind.INTEGER),
          Map.entry("top_logprobs", JsonKind.INTEGER),
          Map.entry("temperature", JsonKind.NUMBER),
          Map.entry("top_p", JsonKind.NUMBER),
          Map.entry("frequency_penalty", JsonKind.NUMBER),
          Map.entry("presence_penalty", JsonKind.NUMBER),
          Map.entry("stop", JsonKind.STRING_OR_ARRAY),
          Map.entry("tools", JsonKind.ARRAY),
          Map.entry("tool_choice", JsonKind.STRING_OR_OBJECT),
          Map.entry("parallel_tool_calls", JsonKind.BOOLEAN),
          Map.entry("response_format", JsonKind.OBJECT),
          Map.entry("logprobs", JsonKind.BOOLEAN),
          Map.entry("logit_bias", JsonKind.OBJECT),
          Map.entry("user", JsonKind.STRING),
          Map.entry("metadata", JsonKind.OBJECT),
          Map.entry("reasoning_effort", JsonKind.STRING),
          Map.entry("reasoning", JsonKind.OBJECT),
          Map.entry("models", JsonKind.ARRAY));

  private static final Set<String> ROLES =
      Set.of("system", "developer", "user", "assistant", "tool", "function");

  private OpenAiRequestParser() {}

  static ChatRequest parse(byte[] body, RequestLimits limits) throws WireException {
    if (!(Json.tree(body, limits.maxJsonValues()) instanceof ObjectNode object)) {
      throw new WireException("the request body must be a JSON object");
    }
    for (Map.Entry<String, JsonKind> field : TOP_LEVEL.entrySet()) {
      JsonNode value = object.get(field.getKey());
      if (value != null && !value.isNull()) {
        field.getValue().check(value, field.getKey());
      }
    }
    String model = required(object, "model").asText();
    if (model.isBlank()) {
      throw new WireException("model: must not be empty", "model", null);
    }
    OpenAiRequestLimits checks = new OpenAiRequestLimits(limits);
    checks.choices(object);
    checks.responseFormat(object);
    return new ChatRequest(
        model,
        messages(required(object, "messages"), limits),
        tools(object.path("tools"), checks),
        object.path("stream").asBoolean(false),
        checks.maxOutputTokens(object),
        new ChatRequest.Source(OpenAiFormat.NAME, object));
  }

  private static JsonNode required(ObjectNode object, String field) throws WireException {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      throw new WireException(field + ": required", field, null);
    }
    return value;
  }

  private static List<ChatMessage> messages(JsonNode messages, RequestLimits limits)
      throws WireException {
    if (messages.isEmpty()) {
      throw new WireException("messages: at least one message is required", "messages", null);
    }
    if (messages.size() > limits.maxMessages()) {
      throw new WireException(
          "messages: at most "
              + limits.maxMessages()
              + " messages are allowed, got "
              + messages.size(),
          "messages",
          null);
    }
    List<ChatMessage> parsed = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      parsed.add(message(messages.get(i), "messages[" + i + "]"));
    }
    return parsed;
  }

  private static ChatMessage message(JsonNode node, String path) throws WireException {
    JsonKind.OBJECT.check(node, path);
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
          path
              + ": expected a string or an array of content parts, got "
              + JsonKind.describe(content),
          path,
          null);
    }
    List<String> texts = new ArrayList<>(content.size());
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String partPath = path + "[" + i + "]";
      JsonKind.OBJECT.check(part, partPath);
      if (!part.path("type").isTextual()) {
        throw new WireException(partPath + ".type: required, a string", partPath + ".type", null);
      }
      if (part.path("text").isTextual()) {
        texts.add(part.get("text").asText());
      }
    }
    // One part (the usual case) needs no copy: a large prompt is not duplicated.
    return texts.size() == 1 ? texts.getFirst() : String.join("", texts);
  }

  private static List<ToolCall> toolCalls(JsonNode calls, String path) throws WireException {
    if (calls.isMissingNode() || calls.isNull()) {
      return List.of();
    }
    JsonKind.ARRAY.check(calls, path);
    return OpenAiToolCalls.decode(calls);
  }

  private static List<ToolSpec> tools(JsonNode tools, OpenAiRequestLimits checks)
      throws WireException {
    if (tools.isMissingNode() || tools.isNull()) {
      return List.of();
    }
    checks.toolCount(tools);
    List<ToolSpec> out = new ArrayList<>(tools.size());
    for (int i = 0; i < tools.size(); i++) {
      String path = "tools[" + i + "]";
      JsonKind.OBJECT.check(tools.get(i), path);
      JsonNode function = tools.get(i).path("function");
      if (!function.path("name").isTextual()) {
        throw new WireException(
            path + ".function.name: required, a string", path + ".function.name", null);
      }
      JsonNode parameters = function.path("parameters");
      checks.schemaDepth(parameters, path + ".function.parameters");
      out.add(
          new ToolSpec(
              function.get("name").asText(),
              Optional.ofNullable(function.path("description").textValue()),
              parameters));
    }
    return out;
  }

  private static String clip(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
