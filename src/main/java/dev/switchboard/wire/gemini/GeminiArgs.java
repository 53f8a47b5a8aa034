package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;

/** Gemini carries function arguments and results as JSON objects, not as JSON text. */
final class GeminiArgs {
  private GeminiArgs() {}

  /** The JSON value of {@code text}, or a missing node when it is not JSON. */
  static JsonNode parse(String text) {
    if (text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return Json.tree(text);
    } catch (WireException e) {
      return MissingNode.getInstance();
    }
  }

  /**
   * Arguments as an object: empty text is {}, an object stays itself, anything else (a model's
   * malformed JSON) is kept under "arguments" rather than lost.
   */
  static ObjectNode object(String arguments) {
    JsonNode parsed = parse(arguments);
    if (parsed instanceof ObjectNode object) {
      return object;
    }
    ObjectNode wrapped = Json.object();
    if (!arguments.isBlank()) {
      wrapped.put("arguments", arguments);
    }
    return wrapped;
  }
}
