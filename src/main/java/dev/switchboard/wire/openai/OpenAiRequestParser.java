package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.JsonKind;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.Role;
import dev.switchboard.wire.ToolSpec;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
          Map.entry("top_k", JsonKind.INTEGER),
          Map.entry("provider", JsonKind.OBJECT),
          Map.entry("models", JsonKind.ARRAY),
          Map.entry("fallbacks", JsonKind.ARRAY));

  private OpenAiRequestParser() {}

  static ChatRequest parse(IngressRequest request, RequestLimits limits) throws WireException {
    ObjectNode object = limits.parseBody(request.body());
    JsonKind.checkFields(object, TOP_LEVEL);
    String model = request.model(object, "model: required");
    OpenAiRequestLimits checks = new OpenAiRequestLimits(limits);
    checks.choices(object);
    checks.responseFormat(object);
    List<Message> conversation = messages(required(object, "messages"), limits);
    // Leading system and developer messages are the system prompt; later ones stay in place.
    int lead = 0;
    List<Part> system = new ArrayList<>();
    while (lead < conversation.size() && conversation.get(lead).role() == Role.SYSTEM) {
      system.addAll(conversation.get(lead++).parts());
    }
    return new ChatRequest(
        model,
        system,
        conversation.subList(lead, conversation.size()),
        tools(object.path("tools"), checks),
        OpenAiControls.read(object, checks.maxOutputTokens(object)),
        OpenAiControls.hints(object),
        object.path("stream").asBoolean(false),
        new ChatRequest.Source(OpenAiFormat.NAME, object).parsedFrom(request.body()));
  }

  private static JsonNode required(ObjectNode object, String field) throws WireException {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      throw new WireException(field + ": required", field, null);
    }
    return value;
  }

  private static List<Message> messages(JsonNode messages, RequestLimits limits)
      throws WireException {
    limits.checkMessageCount(messages, "messages", "message");
    List<Message> parsed = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      parsed.add(message(messages.get(i), "messages[" + i + "]"));
    }
    return parsed;
  }

  private static Message message(JsonNode node, String path) throws WireException {
    JsonKind.OBJECT.check(node, path);
    JsonNode role = node.get("role");
    if (role == null || !role.isTextual()) {
      throw new WireException(path + ".role: required, a string", path + ".role", null);
    }
    List<Part> content = OpenAiContent.parts(node.get("content"), path + ".content");
    return switch (role.asText()) {
      case "system", "developer" -> new Message(Role.SYSTEM, content);
      case "user" -> new Message(Role.USER, content);
      case "assistant" -> new Message(Role.ASSISTANT, assistantParts(node, content, path));
      case "tool", "function" -> {
        String id = node.path("tool_call_id").asText(node.path("name").asText(""));
        yield new Message(
            Role.TOOL, List.of(new Part.ToolResult(id, content, false, Optional.empty())));
      }
      default ->
          throw new WireException(
              path + ".role: unknown role '" + clip(role.asText()) + "'", path + ".role", null);
    };
  }

  /** Reasoning a client replays (DeepSeek's reasoning_content), the text, then the tool calls. */
  private static List<Part> assistantParts(JsonNode node, List<Part> content, String path)
      throws WireException {
    List<Part> parts = new ArrayList<>(content.size() + 2);
    JsonNode reasoning =
        node.has("reasoning_content") ? node.get("reasoning_content") : node.path("reasoning");
    if (reasoning.isTextual() && !reasoning.asText().isEmpty()) {
      parts.add(new Part.Thinking(reasoning.asText(), ""));
    }
    parts.addAll(content);
    JsonNode calls = node.path("tool_calls");
    if (!calls.isMissingNode() && !calls.isNull()) {
      JsonKind.ARRAY.check(calls, path + ".tool_calls");
      parts.addAll(OpenAiToolCalls.decode(calls));
    }
    return parts;
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
              parameters,
              OpenAiContent.cacheHint(tools.get(i).path("cache_control"))));
    }
    return out;
  }

  private static String clip(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
