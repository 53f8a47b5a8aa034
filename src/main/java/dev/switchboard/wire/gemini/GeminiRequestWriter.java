package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Role;
import dev.switchboard.wire.ToolSpec;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds a generateContent body from a request of another format: the system prompt as
 * systemInstruction, assistant turns as role "model", tool results as functionResponse parts of a
 * user turn (named after the call they answer), consecutive turns of one role merged (Gemini wants
 * the results of parallel calls together). Harmless losses are named in {@link #dropped()}.
 */
final class GeminiRequestWriter {
  private final Set<String> dropped = new LinkedHashSet<>();
  private final GeminiPartsWriter parts = new GeminiPartsWriter(dropped, GeminiSignatures.FOREIGN);

  ObjectNode write(ChatRequest request, String upstreamModel) throws WireException {
    ObjectNode body = Json.object();
    ArrayNode contents = body.putArray("contents");
    Map<String, String> callNames = callNames(request.messages());
    String lastRole = "";
    for (int i = 0; i < request.messages().size(); i++) {
      Message message = request.messages().get(i);
      String role = message.role() == Role.ASSISTANT ? "model" : "user";
      ArrayNode written =
          role.equals("model")
              ? parts.model(message.parts())
              : parts.user(message.parts(), callNames, "messages[" + i + "]");
      if (written.isEmpty()) {
        continue;
      }
      if (role.equals(lastRole)) {
        ((ArrayNode) contents.get(contents.size() - 1).get("parts")).addAll(written);
      } else {
        contents.addObject().put("role", role).set("parts", written);
      }
      lastRole = role;
    }
    if (!request.system().isEmpty()) {
      body.putObject("systemInstruction")
          .set("parts", parts.user(request.system(), Map.of(), "system"));
    }
    tools(request.tools(), body);
    new GeminiControlsWriter(dropped).write(request.controls(), upstreamModel, body);
    return body;
  }

  List<String> dropped() {
    return new ArrayList<>(dropped);
  }

  private static Map<String, String> callNames(List<Message> messages) {
    Map<String, String> names = new HashMap<>();
    for (Message message : messages) {
      for (Part part : message.parts()) {
        if (part instanceof Part.ToolUse call) {
          names.put(call.id(), call.name());
        }
      }
    }
    return names;
  }

  private void tools(List<ToolSpec> tools, ObjectNode body) throws WireException {
    if (tools.isEmpty()) {
      return;
    }
    ArrayNode list = body.putArray("tools");
    ArrayNode declarations = null;
    for (ToolSpec tool : tools) {
      tool.requireFunction(GeminiFormat.NAME);
      if (tool.builtin().isPresent()) {
        list.add(tool.builtin().get().json());
        continue;
      }
      if (declarations == null) {
        declarations = list.addObject().putArray("functionDeclarations");
      }
      ObjectNode function = declarations.addObject().put("name", tool.name());
      tool.description().ifPresent(text -> function.put("description", text));
      if (tool.parameters().isObject() && !tool.parameters().isEmpty()) {
        // JSON Schema as the other formats write it; "parameters" takes only an OpenAPI subset.
        function.set("parametersJsonSchema", tool.parameters());
      }
      if (tool.cache().isPresent()) {
        dropped.add("cache_control");
      }
    }
  }
}
