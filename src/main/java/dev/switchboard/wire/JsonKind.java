package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The JSON types a request field may have, and the error naming the field when it has another. */
public enum JsonKind {
  STRING("a string"),
  BOOLEAN("a boolean"),
  INTEGER("an integer"),
  NUMBER("a number"),
  OBJECT("an object"),
  ARRAY("an array"),
  STRING_OR_ARRAY("a string or an array"),
  STRING_OR_OBJECT("a string or an object");

  private final String expected;

  JsonKind(String expected) {
    this.expected = expected;
  }

  public boolean matches(JsonNode value) {
    return switch (this) {
      case STRING -> value.isTextual();
      case BOOLEAN -> value.isBoolean();
      case INTEGER -> value.isIntegralNumber();
      case NUMBER -> value.isNumber();
      case OBJECT -> value.isObject();
      case ARRAY -> value.isArray();
      case STRING_OR_ARRAY -> value.isTextual() || value.isArray();
      case STRING_OR_OBJECT -> value.isTextual() || value.isObject();
    };
  }

  /** Throws "path: expected an integer, got a string" unless the value is of this kind. */
  public void check(JsonNode value, String path) throws WireException {
    if (!matches(value)) {
      throw new WireException(
          path + ": expected " + expected + ", got " + describe(value), path, null);
    }
  }

  /**
   * Checks each field of {@code kinds} that {@code object} holds (null passes: an absent field).
   */
  public static void checkFields(ObjectNode object, Map<String, JsonKind> kinds)
      throws WireException {
    for (Map.Entry<String, JsonKind> field : kinds.entrySet()) {
      JsonNode value = object.get(field.getKey());
      if (value != null && !value.isNull()) {
        field.getValue().check(value, field.getKey());
      }
    }
  }

  /** What a value is, in the words of an error message. */
  public static String describe(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case NUMBER -> value.isIntegralNumber() ? "an integer" : "a decimal number";
      case OBJECT, POJO -> "an object";
      case ARRAY -> "an array";
      case NULL, MISSING -> "null";
      case BINARY -> "binary data";
    };
  }
}
