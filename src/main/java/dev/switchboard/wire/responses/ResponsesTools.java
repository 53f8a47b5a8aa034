package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Freeform;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.JsonKind;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.ToolSpec;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code tools} array both ways: function tools, freeform ({@code custom}) tools with their
 * grammar, and the hosted tools only OpenAI runs (web search, file search...), which are kept as
 * builtins of this format so that a provider that cannot run them refuses the request by name.
 */
final class ResponsesTools {
  private ResponsesTools() {}

  static List<ToolSpec> read(JsonNode tools, RequestLimits limits) throws WireException {
    if (tools.isMissingNode() || tools.isNull()) {
      return List.of();
    }
    limits.checkToolCount(tools);
    List<ToolSpec> out = new ArrayList<>(tools.size());
    for (int i = 0; i < tools.size(); i++) {
      out.add(tool(tools.get(i), "tools[" + i + "]", limits));
    }
    return out;
  }

  private static ToolSpec tool(JsonNode tool, String path, RequestLimits limits)
      throws WireException {
    JsonKind.OBJECT.check(tool, path);
    String type = tool.path("type").asText("");
    if (!type.equals("function") && !type.equals("custom")) {
      // A hosted tool: OpenAI runs it, no other provider can.
      return ToolSpec.builtin(type, new Part.Opaque(ResponsesFormat.NAME, type, tool));
    }
    if (!tool.path("name").isTextual() || tool.get("name").asText().isEmpty()) {
      throw new WireException(path + ".name: required, a string", path + ".name", null);
    }
    String name = tool.get("name").asText();
    Optional<String> description = Optional.ofNullable(tool.path("description").textValue());
    if (type.equals("custom")) {
      JsonNode format = tool.path("format");
      return ToolSpec.freeform(
          name,
          new Freeform(
              description,
              format.isObject() && !"text".equals(format.path("type").asText())
                  ? Optional.of(format)
                  : Optional.empty()),
          Optional.empty());
    }
    JsonNode parameters = tool.path("parameters");
    limits.checkSchemaDepth(parameters, path + ".parameters");
    return new ToolSpec(name, description, parameters);
  }

  /** The names of the freeform tools a request offers: their calls go back as custom calls. */
  static Set<String> freeformNames(List<ToolSpec> tools) {
    return tools.stream()
        .filter(tool -> tool.freeform().isPresent())
        .map(ToolSpec::name)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The tools as a Responses body writes them (hosted tools of this format as they came). */
  static ArrayNode write(List<ToolSpec> tools, String format) throws WireException {
    ArrayNode out = Json.array();
    for (ToolSpec tool : tools) {
      tool.requireFunction(format);
      if (tool.builtin().isPresent()) {
        out.add(tool.builtin().get().json());
      } else if (tool.freeform().isPresent()) {
        Freeform freeform = tool.freeform().get();
        ObjectNode custom = out.addObject().put("type", "custom").put("name", tool.name());
        freeform.description().ifPresent(text -> custom.put("description", text));
        freeform.format().ifPresent(grammar -> custom.set("format", grammar));
      } else {
        ObjectNode function = out.addObject().put("type", "function").put("name", tool.name());
        tool.description().ifPresent(text -> function.put("description", text));
        function.set("parameters", tool.parameters());
      }
    }
    return out;
  }
}
