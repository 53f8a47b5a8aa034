package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;

/**
 * JSON text with every non-ASCII character escaped as {@code \\uXXXX}. Streamed text is cut at
 * token boundaries, which only line up with characters for ASCII; in JSON, non-ASCII can only sit
 * inside strings, where the escape means the same.
 */
final class AsciiJson {
  private AsciiJson() {}

  static String of(JsonNode value) {
    String json = Json.string(value);
    StringBuilder ascii = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c < 0x80) {
        ascii.append(c);
      } else {
        ascii.append(String.format("\\u%04x", (int) c));
      }
    }
    return ascii.toString();
  }
}
