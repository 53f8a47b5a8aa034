package dev.switchboard.wire;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Jackson's parse errors as one short sentence a client can act on: where, and what is wrong. The
 * library's own messages name its classes, configuration methods and internal source descriptions,
 * so only their leading words are used to pick one of our phrases.
 */
final class JsonProblems {
  /** Leading words of Jackson's messages, and what we say instead (first match wins). */
  private static final List<Map.Entry<String, String>> PHRASES =
      List.of(
          Map.entry("unexpected end-of-input", "the JSON ends before it is complete"),
          Map.entry("unexpected close marker", "a closing bracket does not match its opening one"),
          Map.entry("invalid utf-8", "the body is not valid UTF-8"),
          Map.entry("invalid utf8", "the body is not valid UTF-8"),
          Map.entry("illegal unquoted character", "a control character in a string is not escaped"),
          Map.entry("unrecognized character escape", "a string holds an invalid escape sequence"),
          Map.entry("illegal character", "a string holds an invalid escape sequence"),
          Map.entry("invalid numeric value", "a number is not written as JSON allows"),
          Map.entry("non-standard token", "a number is not written as JSON allows"),
          Map.entry("unexpected character", "unexpected character"),
          Map.entry(
              "unrecognized token",
              "unrecognized word (expected a string, number, object,"
                  + " array, true, false or null)"));

  private JsonProblems() {}

  /** "malformed JSON at line 1, column 7: the JSON ends before it is complete". */
  static String describe(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return "the JSON is too large: " + constraint(lower(e));
    }
    String reason = e instanceof JsonEOFException ? PHRASES.get(0).getValue() : phrase(lower(e));
    return "malformed JSON" + where(e.getLocation()) + ": " + reason;
  }

  private static String lower(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    return message == null ? "" : message.toLowerCase(Locale.ROOT);
  }

  private static String phrase(String message) {
    for (Map.Entry<String, String> entry : PHRASES) {
      if (message.startsWith(entry.getKey())) {
        return entry.getValue();
      }
    }
    return "not valid JSON";
  }

  private static String constraint(String message) {
    if (message.contains("nesting depth")) {
      return "objects and arrays are nested more than " + Json.MAX_NESTING_DEPTH + " levels deep";
    }
    if (message.contains("number")) {
      return "a number has more digits than allowed";
    }
    if (message.contains("name")) {
      return "a field name is longer than allowed";
    }
    return "a string is longer than allowed";
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + Math.max(1, location.getColumnNr());
  }
}
