package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.WireException;
import java.util.List;
import java.util.OptionalLong;

/** The {@link RequestLimits} checks of a Chat Completions body, each error naming its field. */
final class OpenAiRequestLimits {
  private final RequestLimits limits;

  OpenAiRequestLimits(RequestLimits limits) {
    this.limits = limits;
  }

  /** Both token fields are checked; max_completion_tokens wins when both are sent. */
  OptionalLong maxOutputTokens(ObjectNode body) throws WireException {
    OptionalLong chosen = OptionalLong.empty();
    for (String field : List.of("max_tokens", "max_completion_tokens")) {
      JsonNode value = body.get(field);
      if (value != null && !value.isNull()) {
        chosen = OptionalLong.of(wholeNumber(value, field, 1, limits.maxOutputTokens()));
      }
    }
    return chosen;
  }

  void choices(ObjectNode body) throws WireException {
    JsonNode n = body.get("n");
    if (n != null && !n.isNull()) {
      wholeNumber(n, "n", 1, limits.maxChoices());
    }
  }

  void toolCount(JsonNode tools) throws WireException {
    limits.checkToolCount(tools);
  }

  /** The schema of a json_schema response format, the one deep tree besides tool parameters. */
  void responseFormat(ObjectNode body) throws WireException {
    schemaDepth(
        body.path("response_format").path("json_schema").path("schema"),
        "response_format.json_schema.schema");
  }

  void schemaDepth(JsonNode schema, String path) throws WireException {
    limits.checkSchemaDepth(schema, path);
  }

  /** A value already known to be an integer, within [min, max]. */
  private static long wholeNumber(JsonNode value, String field, long min, long max)
      throws WireException {
    if (value.canConvertToLong() && value.asLong() >= min && value.asLong() <= max) {
      return value.asLong();
    }
    boolean tooLarge = value.bigIntegerValue().signum() > 0;
    String problem = tooLarge ? "too large, at most " + max : "must be at least " + min;
    throw new WireException(field + ": " + problem + ", got " + clip(value), field, null);
  }

  private static String clip(JsonNode value) {
    String text = value.asText();
    return text.length() > 24
        ? text.substring(0, 12) + "…" + text.substring(text.length() - 6)
        : text;
  }
}
