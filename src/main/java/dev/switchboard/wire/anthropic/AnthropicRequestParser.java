package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.JsonKind;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.Role;
import dev.switchboard.wire.RoutingHints;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates a Messages request. Fields we know are type-checked and an error names the
 * field; fields we do not know (context_management, the next beta's) stay in the request source,
 * for an Anthropic upstream. The client's anthropic-* headers are kept for it too.
 */
final class AnthropicRequestParser {
  private static final Map<String, JsonKind> TOP_LEVEL =
      Map.ofEntries(
          Map.entry("model", JsonKind.STRING),
          Map.entry("messages", JsonKind.ARRAY),
          Map.entry("system", JsonKind.STRING_OR_ARRAY),
          Map.entry("max_tokens", JsonKind.INTEGER),
          Map.entry("temperature", JsonKind.NUMBER),
          Map.entry("top_p", JsonKind.NUMBER),
          Map.entry("top_k", JsonKind.INTEGER),
          Map.entry("stop_sequences", JsonKind.ARRAY),
          Map.entry("stream", JsonKind.BOOLEAN),
          Map.entry("tools", JsonKind.ARRAY),
          Map.entry("tool_choice", JsonKind.OBJECT),
          Map.entry("thinking", JsonKind.OBJECT),
          Map.entry("metadata", JsonKind.OBJECT),
          Map.entry("output_config", JsonKind.OBJECT),
          Map.entry("output_format", JsonKind.OBJECT),
          // OpenRouter's routing fields, for the gateway: never sent upstream.
          Map.entry("models", JsonKind.ARRAY),
          Map.entry("fallbacks", JsonKind.ARRAY),
          Map.entry("provider", JsonKind.OBJECT));

  private AnthropicRequestParser() {}

  static ChatRequest parse(IngressRequest request, RequestLimits limits) throws WireException {
    return parse(request, limits, true);
  }

  /** {@code chat} false: a count_tokens request, which needs no max_tokens. */
  static ChatRequest parse(IngressRequest request, RequestLimits limits, boolean chat)
      throws WireException {
    ObjectNode body = limits.parseBody(request.body());
    JsonKind.checkFields(body, TOP_LEVEL);
    String model = request.model(body, "model: Field required");
    AnthropicLimits checks = new AnthropicLimits(limits);
    long maxTokens =
        chat || body.has("max_tokens") ? checks.maxTokens(required(body, "max_tokens")) : 1;
    return new ChatRequest(
        model,
        system(body.get("system")),
        messages(required(body, "messages"), limits),
        AnthropicTools.read(body.get("tools"), checks),
        AnthropicControls.read(body, maxTokens),
        RoutingHints.read(body),
        body.path("stream").asBoolean(false),
        new ChatRequest.Source(
                AnthropicFormat.NAME, body, forwardedHeaders(request), untranslated(body))
            .parsedFrom(request.body()));
  }

  /** Top-level fields no other format can carry: kept for an Anthropic upstream only. */
  private static List<String> untranslated(ObjectNode body) {
    List<String> fields = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!TOP_LEVEL.containsKey(name)) {
                fields.add(name);
              }
            });
    return fields;
  }

  /** Every anthropic-* header (version, betas, the next one): an open list, never an allow-list. */
  private static Map<String, String> forwardedHeaders(IngressRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    request
        .headers()
        .forEach(
            (name, value) -> {
              if (name.startsWith("anthropic-")) {
                headers.put(name, value);
              }
            });
    return headers;
  }

  private static JsonNode required(ObjectNode body, String field) throws WireException {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw new WireException(field + ": Field required", field, null);
    }
    return value;
  }

  /** A string, or text blocks (each may carry cache_control). */
  private static List<Part> system(JsonNode system) throws WireException {
    if (system == null || system.isNull()) {
      return List.of();
    }
    List<Part> parts = AnthropicContent.parts(system, "system");
    for (int i = 0; i < parts.size(); i++) {
      if (!(parts.get(i) instanceof Part.Text)) {
        throw new WireException(
            "system[" + i + "]: only text blocks are allowed in the system prompt",
            "system[" + i + "]",
            null);
      }
    }
    return parts;
  }

  private static List<Message> messages(JsonNode messages, RequestLimits limits)
      throws WireException {
    limits.checkMessageCount(messages, "messages", "message");
    List<Message> out = new ArrayList<>(messages.size() + 4);
    for (int i = 0; i < messages.size(); i++) {
      message(messages.get(i), "messages[" + i + "]", out);
    }
    return out;
  }

  private static void message(JsonNode node, String path, List<Message> out) throws WireException {
    JsonKind.OBJECT.check(node, path);
    JsonNode role = node.path("role");
    if (!role.isTextual()) {
      throw new WireException(path + ".role: required, a string", path + ".role", null);
    }
    List<Part> parts = AnthropicContent.parts(node.get("content"), path + ".content");
    switch (role.asText()) {
      case "user" -> splitToolResults(parts, out);
      case "assistant" -> out.add(new Message(Role.ASSISTANT, parts));
      // Claude Code sends mid-conversation system turns this way.
      case "system" -> out.add(new Message(Role.SYSTEM, parts));
      default ->
          throw new WireException(
              path + ".role: expected \"user\", \"assistant\" or \"system\"", path + ".role", null);
    }
  }

  /**
   * A user message with tool_result blocks becomes TOOL messages for the results and USER messages
   * for the rest, in their order.
   */
  private static void splitToolResults(List<Part> parts, List<Message> out) {
    List<Part> run = new ArrayList<>(parts.size());
    boolean tools = false;
    for (Part part : parts) {
      boolean result = part instanceof Part.ToolResult;
      if (result != tools && !run.isEmpty()) {
        out.add(new Message(tools ? Role.TOOL : Role.USER, run));
        run = new ArrayList<>(parts.size());
      }
      tools = result;
      run.add(part);
    }
    if (!run.isEmpty() || parts.isEmpty()) {
      out.add(new Message(tools ? Role.TOOL : Role.USER, run));
    }
  }
}
