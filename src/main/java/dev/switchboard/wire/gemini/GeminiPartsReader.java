package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.JsonKind;
import dev.switchboard.wire.Media;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.Role;
import dev.switchboard.wire.WireException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client's {@code contents} as canonical messages. A user turn's functionResponse parts become a
 * TOOL message; a functionCall or functionResponse without an id gets one (a call's results are
 * matched to it by name, in order), so other formats can pair them. A signature on a non-thought
 * part closes the reasoning before it (see {@link GeminiEvents}). One per request.
 */
final class GeminiPartsReader {
  private final Map<String, Deque<String>> unanswered = new HashMap<>();
  private int generatedIds;

  List<Message> contents(JsonNode contents, RequestLimits limits) throws WireException {
    // Not an array (or absent): as empty, for the one error.
    limits.checkMessageCount(contents.isArray() ? contents : Json.array(), "contents", "content");
    List<Message> messages = new ArrayList<>(contents.size());
    for (int i = 0; i < contents.size(); i++) {
      String path = "contents[" + i + "]";
      JsonNode content = contents.get(i);
      JsonKind.OBJECT.check(content, path);
      String role = content.path("role").asText("user");
      JsonNode parts = content.path("parts");
      if (!parts.isArray()) {
        throw new WireException(path + ".parts: required, an array", path + ".parts", null);
      }
      switch (role) {
        case "user", "function", "tool" -> messages.addAll(user(parts, path + ".parts"));
        case "model" -> messages.add(new Message(Role.ASSISTANT, model(parts, path + ".parts")));
        default ->
            throw new WireException(
                path + ".role: expected \"user\" or \"model\"", path + ".role", null);
      }
    }
    return messages;
  }

  /** Text and media parts (a system instruction's, a user turn's). */
  List<Part> plain(JsonNode parts, String path) throws WireException {
    List<Part> out = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      out.add(common(parts.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  private List<Message> user(JsonNode parts, String path) throws WireException {
    List<Message> out = new ArrayList<>(2);
    List<Part> run = new ArrayList<>(parts.size());
    boolean results = false;
    for (int i = 0; i < parts.size(); i++) {
      JsonNode part = parts.get(i);
      String at = path + "[" + i + "]";
      JsonKind.OBJECT.check(part, at);
      JsonNode response = GeminiFields.get(part, "functionResponse");
      if (results != response.isObject() && !run.isEmpty()) {
        out.add(new Message(results ? Role.TOOL : Role.USER, run));
        run = new ArrayList<>();
      }
      results = response.isObject();
      run.add(results ? result(response, at) : common(part, at));
    }
    if (!run.isEmpty()) {
      out.add(new Message(results ? Role.TOOL : Role.USER, run));
    }
    return out;
  }

  private List<Part> model(JsonNode parts, String path) throws WireException {
    List<Part> out = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      JsonNode part = parts.get(i);
      String at = path + "[" + i + "]";
      JsonKind.OBJECT.check(part, at);
      String signature = GeminiSignatures.of(part);
      if (part.path("thought").asBoolean(false)) {
        String text = part.path("text").asText("");
        if (!out.isEmpty()
            && out.getLast() instanceof Part.Thinking open
            && open.signature().isEmpty()) {
          out.set(out.size() - 1, new Part.Thinking(open.text() + text, signature));
        } else {
          out.add(new Part.Thinking(text, signature));
        }
        continue;
      }
      if (!signature.isEmpty()) {
        if (!out.isEmpty()
            && out.getLast() instanceof Part.Thinking open
            && open.signature().isEmpty()) {
          out.set(out.size() - 1, new Part.Thinking(open.text(), signature));
        } else {
          out.add(new Part.Thinking("", signature));
        }
      }
      JsonNode call = GeminiFields.get(part, "functionCall");
      if (call.isObject()) {
        out.add(call(call, at + ".functionCall"));
      } else if (!(part.path("text").isTextual() && part.get("text").asText().isEmpty())) {
        out.add(common(part, at));
      }
    }
    return out;
  }

  private Part.ToolUse call(JsonNode call, String path) throws WireException {
    if (!call.path("name").isTextual()) {
      throw new WireException(path + ".name: required, a string", path + ".name", null);
    }
    String name = call.get("name").asText();
    String id = call.path("id").asText("");
    if (id.isEmpty()) {
      id = "call_" + name + "_" + generatedIds++;
    }
    unanswered.computeIfAbsent(name, ignored -> new ArrayDeque<>()).add(id);
    JsonNode args = call.path("args");
    return new Part.ToolUse(id, name, args.isObject() ? Json.string(args) : "{}");
  }

  private Part.ToolResult result(JsonNode response, String path) throws WireException {
    String at = path + ".functionResponse";
    if (!response.path("name").isTextual()) {
      throw new WireException(at + ".name: required, a string", at + ".name", null);
    }
    String name = response.get("name").asText();
    Deque<String> pending = unanswered.getOrDefault(name, new ArrayDeque<>());
    String id = response.path("id").asText("");
    if (id.isEmpty()) {
      id = pending.isEmpty() ? "call_" + name + "_" + generatedIds++ : pending.poll();
    } else {
      pending.remove(id);
    }
    JsonNode body = response.path("response");
    // Gemini's convention for a failed call is an "error" key (it has no is_error flag).
    boolean error = body.isObject() && body.size() == 1 && body.has("error");
    String text = error ? textOf(body.get("error")) : unwrap(body);
    return new Part.ToolResult(id, List.of(Part.Text.of(text)), error, Optional.empty());
  }

  /** {"result": "text"} (or "output", "content") is the text itself; any other object its JSON. */
  private static String unwrap(JsonNode body) {
    if (body.isObject() && body.size() == 1) {
      JsonNode only = body.elements().next();
      String field = body.fieldNames().next();
      if (only.isTextual() && (field.equals("result") || field.equals("output"))) {
        return only.asText();
      }
    }
    return body.isMissingNode() ? "" : Json.string(body);
  }

  private static String textOf(JsonNode node) {
    return node.isTextual() ? node.asText() : Json.string(node);
  }

  private Part common(JsonNode part, String path) throws WireException {
    JsonKind.OBJECT.check(part, path);
    if (part.path("text").isTextual()) {
      return Part.Text.of(part.get("text").asText());
    }
    JsonNode inline = GeminiFields.get(part, "inlineData");
    if (inline.isObject()) {
      String type = GeminiFields.get(inline, "mimeType").asText("");
      return media(
          new Media.Inline(type, inline.path("data").asText("")), type, part, "inlineData");
    }
    JsonNode file = GeminiFields.get(part, "fileData");
    if (file.isObject()) {
      String type = GeminiFields.get(file, "mimeType").asText("");
      return media(
          new Media.Url(GeminiFields.get(file, "fileUri").asText("")), type, part, "fileData");
    }
    String key = part.fieldNames().hasNext() ? part.fieldNames().next() : "part";
    return new Part.Opaque(GeminiFormat.NAME, key, part);
  }

  private static Part media(Media media, String type, JsonNode part, String key) {
    if (type.startsWith("image/")) {
      return new Part.Image(media, Optional.empty());
    }
    if (type.equals("application/pdf")) {
      return new Part.Document(media, Optional.empty(), Optional.empty());
    }
    // Audio, video, text files: only Gemini takes them.
    return new Part.Opaque(GeminiFormat.NAME, key, part);
  }
}
