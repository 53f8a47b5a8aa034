package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Field access that accepts both spellings the Gemini API takes: its JSON names in lowerCamelCase
 * ({@code thoughtSignature}) and the proto names in snake_case ({@code thought_signature}), which
 * clients such as pydantic-ai send.
 */
final class GeminiFields {
  private GeminiFields() {}

  /** The field under its camelCase or its snake_case name; a missing node when neither is set. */
  static JsonNode get(JsonNode node, String camelName) {
    JsonNode value = node.get(camelName);
    if (value != null && !value.isNull()) {
      return value;
    }
    value = node.get(snake(camelName));
    return value != null && !value.isNull() ? value : MissingNode.getInstance();
  }

  static String snake(String camelName) {
    StringBuilder out = new StringBuilder(camelName.length() + 4);
    for (char c : camelName.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
