package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.JsonKind;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.RoutingHints;
import dev.switchboard.wire.ToolSpec;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a generateContent body and its path. Fields we know are type-checked (errors name them);
 * the whole body is kept as the source, so a Gemini upstream receives what we do not translate
 * (safetySettings, cachedContent, labels, built-in tools).
 */
final class GeminiRequestParser {
  private static final Map<String, JsonKind> TOP_LEVEL =
      Map.of(
          "contents", JsonKind.ARRAY,
          "systemInstruction", JsonKind.OBJECT,
          "tools", JsonKind.ARRAY,
          "toolConfig", JsonKind.OBJECT,
          "generationConfig", JsonKind.OBJECT,
          "safetySettings", JsonKind.ARRAY,
          "cachedContent", JsonKind.STRING);

  private GeminiRequestParser() {}

  static ChatRequest parse(IngressRequest request, RequestLimits limits) throws WireException {
    GeminiPath path = GeminiPath.parse(request.path());
    ObjectNode body = limits.parseBody(request.body());
    for (Map.Entry<String, JsonKind> field : TOP_LEVEL.entrySet()) {
      JsonNode value = GeminiFields.get(body, field.getKey());
      if (!value.isMissingNode()) {
        field.getValue().check(value, field.getKey());
      }
    }
    GeminiPartsReader reader = new GeminiPartsReader();
    List<Message> messages = reader.contents(GeminiFields.get(body, "contents"), limits);
    JsonNode instruction = GeminiFields.get(body, "systemInstruction");
    List<Part> system =
        instruction.isObject()
            ? reader.plain(instruction.path("parts"), "systemInstruction.parts")
            : List.of();
    return new ChatRequest(
        path.model(),
        system,
        messages,
        tools(body, limits),
        GeminiControls.read(body, limits),
        RoutingHints.NONE,
        path.stream(),
        new ChatRequest.Source(GeminiFormat.NAME, body).parsedFrom(request.body()));
  }

  /**
   * Function declarations as tools (only the allowed ones when toolConfig restricts mode ANY to
   * some); googleSearch, codeExecution and the other tools Google runs itself as builtin tools,
   * which only a Gemini upstream can offer.
   */
  private static List<ToolSpec> tools(ObjectNode body, RequestLimits limits) throws WireException {
    JsonNode tools = GeminiFields.get(body, "tools");
    List<String> allowed = GeminiControls.allowedNames(body);
    List<ToolSpec> out = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      String path = "tools[" + i + "]";
      JsonNode tool = tools.get(i);
      JsonKind.OBJECT.check(tool, path);
      for (Map.Entry<String, JsonNode> field : tool.properties()) {
        String key = field.getKey();
        if (key.equals("functionDeclarations") || key.equals("function_declarations")) {
          declarations(field.getValue(), path + "." + key, allowed, out, limits);
        } else {
          ObjectNode only = Json.object();
          only.set(key, field.getValue());
          out.add(ToolSpec.builtin(key, new Part.Opaque(GeminiFormat.NAME, key, only)));
        }
      }
    }
    if (out.size() > limits.maxTools()) {
      throw new WireException(
          "tools: at most " + limits.maxTools() + " functions are allowed, got " + out.size(),
          "tools",
          null);
    }
    return out;
  }

  private static void declarations(
      JsonNode declarations,
      String path,
      List<String> allowed,
      List<ToolSpec> out,
      RequestLimits limits)
      throws WireException {
    JsonKind.ARRAY.check(declarations, path);
    for (int j = 0; j < declarations.size(); j++) {
      String at = path + "[" + j + "]";
      JsonNode function = declarations.get(j);
      JsonKind.OBJECT.check(function, at);
      if (!function.path("name").isTextual()) {
        throw new WireException(at + ".name: required, a string", at + ".name", null);
      }
      String name = function.get("name").asText();
      if (!allowed.isEmpty() && !allowed.contains(name)) {
        continue;
      }
      JsonNode schema = GeminiFields.get(function, "parametersJsonSchema");
      if (schema.isMissingNode() && GeminiFields.get(function, "parameters").isObject()) {
        schema = GeminiSchemas.jsonSchema(function.get("parameters"));
      }
      if (limits.schemaTooDeep(schema)) {
        throw new WireException(
            at + ": parameters nested more than " + limits.maxSchemaDepth() + " levels deep",
            at,
            null);
      }
      String description = function.path("description").asText("");
      out.add(
          new ToolSpec(
              name,
              description.isEmpty() ? Optional.empty() : Optional.of(description),
              schema.isMissingNode() ? Json.object() : schema));
    }
  }
}
