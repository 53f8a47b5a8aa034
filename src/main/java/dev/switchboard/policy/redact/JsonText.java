package dev.switchboard.policy.redact;

import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The string values of a JSON text (a tool call's arguments) as character regions, keys left out,
 * and which positions fall inside an escape sequence: a replacement must start and end on an escape
 * boundary, and stay inside one string, or the JSON would break.
 */
final class JsonText {
  /** The content of one string value, between its quotes: {@code [start, end)}. */
  record Region(int start, int end) {}

  private final List<Region> values;
  private final BitSet insideEscape;

  private JsonText(List<Region> values, BitSet insideEscape) {
    this.values = List.copyOf(values);
    this.insideEscape = insideEscape;
  }

  /** The string values of {@code json}; empty when a string is left open (not JSON text). */
  static Optional<JsonText> read(String json) {
    List<Region> values = new ArrayList<>();
    BitSet inside = new BitSet();
    int i = 0;
    while (i < json.length()) {
      if (json.charAt(i) != '"') {
        i++;
        continue;
      }
      int start = i + 1;
      int end = closingQuote(json, start, inside);
      if (end < 0) {
        return Optional.empty();
      }
      if (!isKey(json, end + 1)) {
        values.add(new Region(start, end));
      }
      i = end + 1;
    }
    return Optional.of(new JsonText(values, inside));
  }

  private static int closingQuote(String json, int from, BitSet inside) {
    int i = from;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        int length = i + 1 < json.length() && json.charAt(i + 1) == 'u' ? 6 : 2;
        int end = Math.min(i + length, json.length());
        inside.set(i + 1, end);
        i = end;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static boolean isKey(String json, int from) {
    int i = from;
    while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
      i++;
    }
    return i < json.length() && json.charAt(i) == ':';
  }

  List<Region> values() {
    return values;
  }

  /** Whether a replacement may start or end at {@code index}: not inside an escape sequence. */
  boolean isBoundary(int index) {
    return !insideEscape.get(index);
  }

  /** The start of the escape sequence {@code index} falls in, or {@code index}. */
  int boundaryAtOrBefore(int index) {
    int i = index;
    while (i > 0 && insideEscape.get(i)) {
      i--;
    }
    return i;
  }

  /** The end of the escape sequence {@code index} falls in, or {@code index}. */
  int boundaryAtOrAfter(int index) {
    int i = index;
    while (insideEscape.get(i)) {
      i++;
    }
    return i;
  }

  /** The text a JSON string content stands for; the content itself if it is not valid. */
  static String unescape(String content) {
    if (content.indexOf('\\') < 0) {
      return content;
    }
    try {
      return Json.tree("\"" + content + "\"").asText();
    } catch (WireException notValid) {
      return content;
    }
  }

  /** {@code text} escaped for a JSON string, without the quotes. */
  static String escape(String text) {
    return new String(
        com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text));
  }
}
