package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Media;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.WireException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Canonical parts as Gemini parts: a model turn (thoughts, text, functionCalls with their
 * signatures) and a user turn (text, media, functionResponses). What Gemini cannot carry is named
 * in {@code dropped}.
 */
final class GeminiPartsWriter {
  private final Set<String> dropped;
  private final String foreignSignature;

  /** {@code foreignSignature}: what a functionCall without a known signature carries. */
  GeminiPartsWriter(Set<String> dropped, String foreignSignature) {
    this.dropped = dropped;
    this.foreignSignature = foreignSignature;
  }

  /**
   * A model turn. A reasoning block's signature goes on the part that follows it (Gemini's own
   * placement), or on its last thought part when nothing follows; the first functionCall without a
   * signature gets the dummy the constructor names.
   */
  ArrayNode model(List<Part> parts) {
    ArrayNode out = Json.array();
    String pending = "";
    ObjectNode lastThought = null;
    boolean firstCall = true;
    for (Part part : parts) {
      ObjectNode written;
      switch (part) {
        case Part.Thinking thinking -> {
          if (!pending.isEmpty()) {
            attach(pending, lastThought, out);
          }
          if (!thinking.text().isEmpty()) {
            lastThought = out.addObject().put("text", thinking.text()).put("thought", true);
          }
          pending = thinking.signature();
          continue;
        }
        case Part.ToolUse call -> {
          written = out.addObject();
          ObjectNode function = written.putObject("functionCall");
          if (!call.id().isEmpty()) {
            function.put("id", call.id());
          }
          function.put("name", call.name()).set("args", GeminiArgs.object(call.arguments()));
          if (pending.isEmpty() && firstCall) {
            pending = foreignSignature;
          }
          firstCall = false;
        }
        case Part.Text text -> written = out.addObject().put("text", text.text());
        default -> {
          common(part, out);
          continue;
        }
      }
      if (!pending.isEmpty()) {
        written.put("thoughtSignature", pending);
        pending = "";
      }
    }
    if (!pending.isEmpty()) {
      attach(pending, lastThought, out);
    }
    return out;
  }

  /** A user turn; {@code callNames} maps tool-use ids to function names for the results. */
  ArrayNode user(List<Part> parts, Map<String, String> callNames, String path)
      throws WireException {
    ArrayNode out = Json.array();
    for (Part part : parts) {
      if (part instanceof Part.ToolResult result) {
        out.add(functionResponse(result, callNames, path));
      } else if (part instanceof Part.Text text) {
        if (text.cache().isPresent()) {
          dropped.add("cache_control");
        }
        out.addObject().put("text", text.text());
      } else {
        common(part, out);
      }
    }
    return out;
  }

  private void common(Part part, ArrayNode out) {
    switch (part) {
      case Part.Image image -> {
        out.add(media(image.media(), "image/jpeg"));
        image.cache().ifPresent(hint -> dropped.add("cache_control"));
      }
      case Part.Document document -> {
        out.add(media(document.media(), "application/pdf"));
        document.title().ifPresent(title -> dropped.add("document.title"));
      }
      case Part.Opaque opaque when GeminiFormat.NAME.equals(opaque.format()) ->
          out.add(opaque.json());
      case Part.Opaque opaque -> dropped.add(opaque.type());
      case Part.RedactedThinking redacted -> dropped.add("redacted_thinking");
      case Part.Thinking thinking -> dropped.add("thinking");
      case Part.Text text -> out.addObject().put("text", text.text());
      case Part.ToolUse call -> dropped.add("tool_use");
      case Part.ToolResult result -> dropped.add("tool_result");
    }
  }

  private ObjectNode functionResponse(
      Part.ToolResult result, Map<String, String> callNames, String path) throws WireException {
    String name = callNames.get(result.toolUseId());
    if (name == null) {
      // Gemini matches a result to its call by the function's name, which only the call carries.
      throw new WireException(
          path
              + ": a tool result answers '"
              + clip(result.toolUseId())
              + "', a call this conversation does not hold; Gemini needs the function's name",
          path,
          null);
    }
    ObjectNode response = Json.object();
    String text = result.text();
    JsonNode parsed = GeminiArgs.parse(text);
    if (result.isError()) {
      // Gemini has no is_error; an "error" key is its documented convention.
      response.put("error", text);
    } else if (parsed instanceof ObjectNode object) {
      response = object;
    } else {
      response.put("result", text);
    }
    if (result.content().stream().anyMatch(p -> !(p instanceof Part.Text))) {
      dropped.add("tool_result.image");
    }
    ObjectNode part = Json.object();
    ObjectNode function = part.putObject("functionResponse");
    if (!result.toolUseId().isEmpty()) {
      function.put("id", result.toolUseId());
    }
    function.put("name", name).set("response", response);
    return part;
  }

  static ObjectNode media(Media media, String fallbackType) {
    ObjectNode part = Json.object();
    switch (media) {
      case Media.Inline inline ->
          part.putObject("inlineData")
              .put("mimeType", inline.mediaType())
              .put("data", inline.base64());
      case Media.Url url ->
          part.putObject("fileData")
              .put("mimeType", typeOf(url.url(), fallbackType))
              .put("fileUri", url.url());
    }
    return part;
  }

  /** Gemini's fileData needs a media type; a URL's extension names it, else the part's kind. */
  private static String typeOf(String url, String fallback) {
    String path = url.toLowerCase(Locale.ROOT).replaceFirst("[?#].*$", "");
    if (path.endsWith(".png")) {
      return "image/png";
    } else if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
      return "image/jpeg";
    } else if (path.endsWith(".webp")) {
      return "image/webp";
    } else if (path.endsWith(".gif")) {
      return "image/gif";
    } else if (path.endsWith(".pdf")) {
      return "application/pdf";
    }
    return fallback;
  }

  private static void attach(String signature, ObjectNode lastThought, ArrayNode out) {
    if (lastThought != null && !lastThought.has("thoughtSignature")) {
      lastThought.put("thoughtSignature", signature);
    } else {
      out.addObject().put("text", "").put("thoughtSignature", signature);
    }
  }

  private static String clip(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
