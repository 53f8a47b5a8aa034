package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.JsonKind;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.ToolSpec;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code tools} array both ways. A custom tool (no type, or "custom") is a function; a tool
 * with another type (web_search_20250305, bash_20250124, ...) is run by Anthropic and becomes a
 * builtin {@link ToolSpec} that other formats refuse. Fields of a custom tool we do not translate
 * (defer_loading, input_examples) reach an Anthropic upstream through the request source.
 */
final class AnthropicTools {
  private AnthropicTools() {}

  static List<ToolSpec> read(JsonNode tools, AnthropicLimits checks) throws WireException {
    if (tools == null || tools.isNull()) {
      return List.of();
    }
    checks.toolCount(tools);
    List<ToolSpec> out = new ArrayList<>(tools.size());
    for (int i = 0; i < tools.size(); i++) {
      String path = "tools[" + i + "]";
      JsonNode tool = tools.get(i);
      JsonKind.OBJECT.check(tool, path);
      String name = AnthropicContent.string(tool, "name", path);
      String type = tool.path("type").asText("custom");
      if (!"custom".equals(type)) {
        out.add(ToolSpec.builtin(name, new Part.Opaque(AnthropicFormat.NAME, type, tool)));
        continue;
      }
      JsonNode schema = tool.path("input_schema");
      JsonKind.OBJECT.check(schema, path + ".input_schema");
      checks.schemaDepth(schema, path + ".input_schema");
      JsonNode description = tool.path("description");
      if (!description.isMissingNode() && !description.isNull()) {
        JsonKind.STRING.check(description, path + ".description");
      }
      out.add(
          new ToolSpec(
              name,
              Optional.ofNullable(description.textValue()),
              schema,
              AnthropicContent.cacheHint(tool.path("cache_control"))));
    }
    return out;
  }

  /** Custom tools and this format's builtin ones; a builtin of another format is refused. */
  static void write(List<ToolSpec> tools, ArrayNode out) throws WireException {
    for (ToolSpec tool : tools) {
      tool.requireFunction(AnthropicFormat.NAME);
      if (tool.builtin().isPresent()) {
        out.add(tool.builtin().get().json().deepCopy());
        continue;
      }
      ObjectNode spec = out.addObject().put("name", tool.name());
      tool.description().ifPresent(text -> spec.put("description", text));
      spec.set("input_schema", schema(tool.parameters()));
      tool.cache().ifPresent(hint -> spec.set("cache_control", AnthropicBlocks.cacheControl(hint)));
    }
  }

  /** Anthropic requires an object schema; a function without parameters takes no arguments. */
  private static JsonNode schema(JsonNode parameters) {
    if (parameters.isObject() && !parameters.isEmpty()) {
      return parameters;
    }
    ObjectNode empty = Json.object().put("type", "object");
    empty.putObject("properties");
    return empty;
  }
}
