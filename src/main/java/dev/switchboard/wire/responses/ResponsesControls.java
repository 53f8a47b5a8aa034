package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Controls;
import dev.switchboard.wire.Reasoning;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.ResponseFormat;
import dev.switchboard.wire.ToolChoice;
import dev.switchboard.wire.WireException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The generation controls of a Responses body both ways: max_output_tokens, temperature, top_p,
 * tool_choice, parallel_tool_calls, reasoning (effort; OpenRouter's max_tokens and enabled),
 * text.format and metadata.
 */
final class ResponsesControls {
  private ResponsesControls() {}

  static Controls read(ObjectNode body, RequestLimits limits) throws WireException {
    return Controls.builder()
        .maxOutputTokens(maxOutputTokens(body.get("max_output_tokens"), limits))
        .temperature(decimal(body.get("temperature")))
        .topP(decimal(body.get("top_p")))
        .toolChoice(toolChoice(body.get("tool_choice")))
        .parallelToolCalls(
            Optional.ofNullable(body.get("parallel_tool_calls"))
                .filter(JsonNode::isBoolean)
                .map(JsonNode::asBoolean))
        .responseFormat(responseFormat(body.path("text").path("format"), limits))
        .reasoning(reasoning(body.path("reasoning")))
        .user(Optional.ofNullable(body.path("user").textValue()))
        .metadata(metadata(body.path("metadata")))
        .build();
  }

  static void write(Controls controls, ObjectNode body) {
    controls.maxOutputTokens().ifPresent(value -> body.put("max_output_tokens", value));
    controls.temperature().ifPresent(value -> body.put("temperature", value));
    controls.topP().ifPresent(value -> body.put("top_p", value));
    switch (controls.toolChoice().mode()) {
      case AUTO -> {
        // The default.
      }
      case NONE -> body.put("tool_choice", "none");
      case REQUIRED -> body.put("tool_choice", "required");
      case NAMED ->
          body.putObject("tool_choice")
              .put("type", "function")
              .put("name", controls.toolChoice().name().orElse(""));
    }
    controls.parallelToolCalls().ifPresent(value -> body.put("parallel_tool_calls", value));
    ResponseFormat format = controls.responseFormat();
    switch (format.kind()) {
      case TEXT -> {
        // The default.
      }
      case JSON_OBJECT -> body.putObject("text").putObject("format").put("type", "json_object");
      case JSON_SCHEMA -> {
        ObjectNode spec = body.putObject("text").putObject("format").put("type", "json_schema");
        spec.put("name", format.name().orElse("response"));
        format.schema().ifPresent(schema -> spec.set("schema", schema));
        spec.put("strict", format.strict());
      }
    }
    controls.reasoning().ifPresent(reasoning -> writeReasoning(reasoning, body));
    controls.user().ifPresent(user -> body.put("user", user));
    if (!controls.metadata().isEmpty()) {
      ObjectNode metadata = body.putObject("metadata");
      controls.metadata().forEach(metadata::put);
    }
  }

  private static void writeReasoning(Reasoning reasoning, ObjectNode body) {
    ObjectNode out = body.putObject("reasoning");
    if (!reasoning.enabled()) {
      out.put("effort", "none");
      return;
    }
    reasoning.effort().ifPresent(effort -> out.put("effort", effort));
    reasoning.budgetTokens().ifPresent(tokens -> out.put("max_tokens", tokens));
  }

  private static OptionalLong maxOutputTokens(JsonNode value, RequestLimits limits)
      throws WireException {
    if (value == null || value.isNull()) {
      return OptionalLong.empty();
    }
    if (!value.canConvertToLong()
        || value.asLong() < 1
        || value.asLong() > limits.maxOutputTokens()) {
      throw new WireException(
          "max_output_tokens: expected 1 to " + limits.maxOutputTokens(),
          "max_output_tokens",
          null);
    }
    return OptionalLong.of(value.asLong());
  }

  private static ToolChoice toolChoice(JsonNode choice) throws WireException {
    if (choice == null || choice.isNull()) {
      return ToolChoice.AUTO;
    }
    if (choice.isTextual()) {
      return switch (choice.asText()) {
        case "none" -> ToolChoice.NONE;
        case "required" -> ToolChoice.REQUIRED;
        case "auto" -> ToolChoice.AUTO;
        default ->
            throw new WireException(
                "tool_choice: expected \"none\", \"auto\", \"required\" or an object",
                "tool_choice",
                null);
      };
    }
    String type = choice.path("type").asText("");
    if ((type.equals("function") || type.equals("custom")) && choice.path("name").isTextual()) {
      return ToolChoice.named(choice.get("name").asText());
    }
    throw new WireException(
        "tool_choice: a "
            + (type.isEmpty() ? "choice without a type" : "'" + type + "' choice")
            + " is not supported; name a function or custom tool, or send a mode",
        "tool_choice",
        null);
  }

  private static ResponseFormat responseFormat(JsonNode format, RequestLimits limits)
      throws WireException {
    return switch (format.path("type").asText("text")) {
      case "json_object" -> ResponseFormat.JSON_OBJECT;
      case "json_schema" -> {
        limits.checkSchemaDepth(format.path("schema"), "text.format.schema");
        yield ResponseFormat.schema(
            format.path("name").asText("response"),
            format.path("schema"),
            format.path("strict").asBoolean(false));
      }
      default -> ResponseFormat.TEXT;
    };
  }

  /** effort ("none" is off), or OpenRouter's max_tokens and enabled. */
  private static Optional<Reasoning> reasoning(JsonNode reasoning) {
    if (!reasoning.isObject()) {
      return Optional.empty();
    }
    if (reasoning.path("enabled").isBoolean() && !reasoning.get("enabled").asBoolean()) {
      return Optional.of(Reasoning.OFF);
    }
    if (reasoning.path("max_tokens").isIntegralNumber()) {
      return Optional.of(Reasoning.budget(reasoning.get("max_tokens").asLong()));
    }
    JsonNode effort = reasoning.path("effort");
    if (effort.isTextual()) {
      return Optional.of(
          "none".equals(effort.asText()) ? Reasoning.OFF : Reasoning.effort(effort.asText()));
    }
    // Only a summary choice: the model's default reasoning.
    return Optional.empty();
  }

  private static Map<String, String> metadata(JsonNode metadata) {
    Map<String, String> out = new LinkedHashMap<>();
    metadata.properties().forEach(field -> out.put(field.getKey(), field.getValue().asText()));
    return out;
  }

  private static OptionalDouble decimal(JsonNode value) {
    return value != null && value.isNumber()
        ? OptionalDouble.of(value.asDouble())
        : OptionalDouble.empty();
  }
}
