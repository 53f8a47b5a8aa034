package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;

/**
 * The request's {@code response_format}: free text, any JSON object ({@code json_object}), or JSON
 * that validates against a schema ({@code json_schema}).
 */
sealed interface OutputFormat {
  /** Prose, the default. */
  record Text() implements OutputFormat {}

  /** A JSON object; its shape may be described in the prompt. */
  record JsonObject() implements OutputFormat {}

  /** A JSON value valid against {@code schema}. */
  record JsonSchema(JsonNode schema) implements OutputFormat {}

  static OutputFormat parse(JsonNode format) throws SimRejection {
    if (format.isMissingNode() || format.isNull()) {
      return new Text();
    }
    return switch (format.path("type").asText("")) {
      case "text" -> new Text();
      case "json_object" -> new JsonObject();
      case "json_schema" -> {
        JsonNode jsonSchema = format.path("json_schema");
        if (!jsonSchema.isObject()) {
          throw new SimRejection(
              SimError.badRequest(
                  "Missing required parameter: 'response_format.json_schema'.",
                  "response_format.json_schema",
                  "missing_required_parameter"));
        }
        // OpenAI treats a json_schema without a schema as "any JSON object".
        JsonNode schema = jsonSchema.path("schema");
        yield new JsonSchema(schema.isObject() ? schema : Json.object().put("type", "object"));
      }
      default ->
          throw new SimRejection(
              SimError.badRequest(
                  "Invalid value: '"
                      + format.path("type").asText("")
                      + "'. Supported values are: 'json_object', 'json_schema', and 'text'.",
                  "response_format.type",
                  "invalid_value"));
    };
  }
}
