package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Freeform;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.JsonKind;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.ToolSpec;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code tools} array both ways: function tools, freeform ({@code custom}) tools with their
 * grammar, namespaces of them (Codex's), and the hosted tools only OpenAI runs.
 */
final class ResponsesTools {
  private ResponsesTools() {}

  /**
   * The tools a request offers, a namespace's tools among them (under their own names), and the
   * hosted tools (web search, file search...) named apart: only OpenAI runs those, so they travel
   * only to a provider of this format and are dropped, by name, for any other.
   */
  record Offered(List<ToolSpec> tools, List<String> hosted) {}

  static Offered read(JsonNode tools, RequestLimits limits) throws WireException {
    if (tools.isMissingNode() || tools.isNull()) {
      return new Offered(List.of(), List.of());
    }
    limits.checkToolCount(tools);
    List<ToolSpec> out = new ArrayList<>(tools.size());
    List<String> hosted = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      String path = "tools[" + i + "]";
      JsonKind.OBJECT.check(tool, path);
      String type = tool.path("type").asText("");
      switch (type) {
        case "function", "custom" -> out.add(tool(tool, path, limits));
        case "namespace" -> {
          JsonNode inner = tool.path("tools");
          for (int j = 0; j < inner.size(); j++) {
            out.add(tool(inner.get(j), path + ".tools[" + j + "]", limits));
          }
        }
        default -> hosted.add("tools." + type);
      }
    }
    return new Offered(out, hosted);
  }

  private static ToolSpec tool(JsonNode tool, String path, RequestLimits limits)
      throws WireException {
    JsonKind.OBJECT.check(tool, path);
    String type = tool.path("type").asText("");
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
