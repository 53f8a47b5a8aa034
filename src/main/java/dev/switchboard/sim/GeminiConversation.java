package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Converts a Gemini request into the sim's planning shape (Chat Completions messages, see {@link
 * SimRequest}) and its cache-order {@link Prompt}: {@code systemInstruction} becomes a system
 * message, {@code functionCall} parts tool calls, {@code functionResponse} parts tool messages (a
 * response holding only {@code error} counts as a failed call). Gemini has no call ids, so a call
 * is matched to its response by function name. Schemas written with OpenAPI's upper-case types
 * ({@code "OBJECT"}) are read as JSON Schema.
 */
final class GeminiConversation {
  /** Gemini's smallest prefix for implicit caching (2.5 Flash); hits are reported exactly. */
  static final Prompt.Caching IMPLICIT = new Prompt.Caching.Automatic(1024, 1);

  private GeminiConversation() {}

  static List<JsonNode> messages(JsonNode systemInstruction, JsonNode contents) {
    List<JsonNode> out = new ArrayList<>();
    String system = text(systemInstruction.path("parts"));
    if (!system.isEmpty()) {
      out.add(Json.object().put("role", "system").put("content", system));
    }
    for (JsonNode content : contents) {
      boolean model = content.path("role").asText("user").equals("model");
      ObjectNode message = Json.object().put("role", model ? "assistant" : "user");
      message.put("content", text(content.path("parts")));
      ArrayNode calls = Json.array();
      List<JsonNode> results = new ArrayList<>();
      for (JsonNode part : content.path("parts")) {
        JsonNode call = part.path("functionCall");
        if (call.isObject()) {
          ObjectNode toolCall = calls.addObject().put("id", call.path("name").asText(""));
          toolCall.put("type", "function");
          toolCall
              .putObject("function")
              .put("name", call.path("name").asText(""))
              .put(
                  "arguments",
                  Json.string(call.path("args").isObject() ? call.path("args") : Json.object()));
        }
        JsonNode response = part.path("functionResponse");
        if (response.isObject()) {
          results.add(result(response));
        }
      }
      if (!calls.isEmpty()) {
        message.set("tool_calls", calls);
      }
      if (!message.path("content").asText().isEmpty() || !calls.isEmpty() || results.isEmpty()) {
        out.add(message);
      }
      out.addAll(results);
    }
    return out;
  }

  /** Every function declaration as {@code {name, description, parameters}}. */
  static List<JsonNode> functions(JsonNode tools) {
    List<JsonNode> functions = new ArrayList<>();
    for (JsonNode tool : tools) {
      for (JsonNode declaration : tool.path("functionDeclarations")) {
        if (!declaration.path("name").isTextual()) {
          continue;
        }
        ObjectNode function = Json.object().put("name", declaration.path("name").asText());
        function.put("description", declaration.path("description").asText(""));
        JsonNode parameters = declaration.path("parametersJsonSchema");
        if (!parameters.isObject()) {
          parameters = declaration.path("parameters");
        }
        if (parameters.isObject()) {
          function.set("parameters", jsonSchema(parameters));
        }
        functions.add(function);
      }
    }
    return functions;
  }

  /** Tools, system instruction, then each content, each one segment, cached implicitly. */
  static Prompt prompt(JsonNode root) {
    List<Prompt.Segment> segments = new ArrayList<>();
    if (!root.path("tools").isEmpty()) {
      String tools = Json.string(root.path("tools"));
      segments.add(Prompt.Segment.of("tools:" + tools, Tokenizer.count(tools)));
    }
    JsonNode system = root.path("systemInstruction");
    if (system.isObject()) {
      segments.add(
          Prompt.Segment.of(
              "system:" + Json.string(system), Tokenizer.count(text(system.path("parts")))));
    }
    for (JsonNode content : root.path("contents")) {
      int tokens = Tokenizer.PER_MESSAGE + Tokenizer.count(text(content.path("parts")));
      for (JsonNode part : content.path("parts")) {
        for (String field : List.of("functionCall", "functionResponse")) {
          if (part.path(field).isObject()) {
            tokens += Tokenizer.count(Json.string(part.path(field)));
          }
        }
      }
      segments.add(Prompt.Segment.of(Json.string(content), tokens));
    }
    return new Prompt(segments, Tokenizer.PER_REQUEST, IMPLICIT);
  }

  /** A copy of the schema with OpenAPI type names ("OBJECT") in JSON Schema's lower case. */
  static JsonNode jsonSchema(JsonNode schema) {
    JsonNode copy = schema.deepCopy();
    lowerTypes(copy);
    return copy;
  }

  private static void lowerTypes(JsonNode node) {
    if (node instanceof ObjectNode object && object.path("type").isTextual()) {
      object.put("type", object.path("type").asText().toLowerCase(Locale.ROOT));
    }
    for (JsonNode child : node) {
      lowerTypes(child);
    }
  }

  private static JsonNode result(JsonNode functionResponse) {
    JsonNode response = functionResponse.path("response");
    String name = functionResponse.path("name").asText("");
    boolean failed = response.size() == 1 && response.has("error");
    return Json.object()
        .put("role", "tool")
        .put("tool_call_id", name)
        .put("name", name)
        .put("content", Json.string(response.isMissingNode() ? Json.object() : response))
        .put("is_error", failed);
  }

  /** The text of every non-thought text part, one per line. */
  private static String text(JsonNode parts) {
    StringBuilder text = new StringBuilder();
    for (JsonNode part : parts) {
      if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append(part.path("text").asText());
      }
    }
    return text.toString();
  }
}
