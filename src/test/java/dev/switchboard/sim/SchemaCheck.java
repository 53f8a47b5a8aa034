package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.List;

/** Validates JSON against a JSON schema (2020-12) with Vert.x's validator, formats included. */
final class SchemaCheck {
  private SchemaCheck() {}

  /** The validator's complaints; empty when {@code instance} is valid. */
  static List<String> errors(JsonNode schema, JsonNode instance) {
    return errors(schema, instance, Draft.DRAFT202012);
  }

  static List<String> errors(JsonNode schema, JsonNode instance, Draft draft) {
    Validator validator =
        Validator.create(
            JsonSchema.of(new JsonObject(Json.string(schema))),
            new JsonSchemaOptions()
                .setDraft(draft)
                .setBaseUri("app:///")
                .setOutputFormat(OutputFormat.Basic));
    OutputUnit result =
        validator.validate(io.vertx.core.json.Json.decodeValue(Json.string(instance)));
    List<String> errors = new ArrayList<>();
    if (!result.getValid()) {
      List<OutputUnit> units = result.getErrors() == null ? List.of(result) : result.getErrors();
      for (OutputUnit unit : units) {
        errors.add(unit.getInstanceLocation() + ": " + unit.getError());
      }
    }
    return errors;
  }
}
