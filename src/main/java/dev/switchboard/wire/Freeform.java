package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A freeform tool (the Responses API's {@code custom} tool, such as Codex's {@code apply_patch}):
 * the model writes its input as raw text, optionally constrained by {@code format} (the client's
 * JSON, e.g. a Lark grammar); {@code description} is the client's own, without the grammar.
 * Provider formats know only function tools, so the canonical model carries a freeform tool as a
 * function of one string argument, {@value #ARGUMENT}, and its calls as the JSON {@code {"input":
 * raw}}: every writer sends it as it sends any function, and the format that offered the tool
 * unwraps the calls back to raw text for its client.
 */
public record Freeform(Optional<String> description, Optional<JsonNode> format) {
  /** The one argument a wrapped freeform tool takes. */
  public static final String ARGUMENT = "input";

  /** The JSON Schema a wrapped freeform tool is offered with. */
  public static JsonNode schema() {
    ObjectNode schema = Json.object().put("type", "object");
    schema
        .putObject("properties")
        .putObject(ARGUMENT)
        .put("type", "string")
        .put("description", "The raw input of the tool, exactly as its format requires");
    schema.putArray("required").add(ARGUMENT);
    schema.put("additionalProperties", false);
    return schema;
  }

  /**
   * What the model is told about the tool: its description and, when the client gave one, the
   * grammar or format its input must follow.
   */
  public String describe() {
    StringBuilder text = new StringBuilder(description.orElse(""));
    format.ifPresent(
        f -> {
          if (!text.isEmpty()) {
            text.append("\n\n");
          }
          JsonNode definition = f.path("definition");
          if (definition.isTextual()) {
            text.append("The input must follow this ")
                .append(f.path("syntax").asText("grammar"))
                .append(" grammar:\n")
                .append(definition.asText());
          } else {
            text.append("The input must follow this format: ").append(Json.string(f));
          }
        });
    return text.toString();
  }

  /** A raw input as the arguments of the wrapped function call. */
  public static String wrap(String input) {
    return Json.string(Json.object().put(ARGUMENT, input));
  }

  /**
   * The raw input from a wrapped call's arguments; arguments that are not the wrapped object (a
   * model that ignored the schema) are passed on as they are, never lost.
   */
  public static String unwrap(String arguments) {
    try {
      JsonNode tree = Json.tree(arguments);
      JsonNode input = tree.path(ARGUMENT);
      return input.isTextual() ? input.asText() : arguments;
    } catch (WireException e) {
      return arguments;
    }
  }
}
