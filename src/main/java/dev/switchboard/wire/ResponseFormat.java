package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The shape the answer must take: free text, any JSON object, or JSON valid against a schema. */
public record ResponseFormat(
    Kind kind, Optional<String> name, Optional<JsonNode> schema, boolean strict) {
  /** Free text, any JSON object, or JSON matching {@link #schema}. */
  public enum Kind {
    TEXT,
    JSON_OBJECT,
    JSON_SCHEMA
  }

  public static final ResponseFormat TEXT =
      new ResponseFormat(Kind.TEXT, Optional.empty(), Optional.empty(), false);
  public static final ResponseFormat JSON_OBJECT =
      new ResponseFormat(Kind.JSON_OBJECT, Optional.empty(), Optional.empty(), false);

  public static ResponseFormat schema(String name, JsonNode schema, boolean strict) {
    return new ResponseFormat(Kind.JSON_SCHEMA, Optional.of(name), Optional.of(schema), strict);
  }
}
