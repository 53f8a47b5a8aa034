package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Controls;
import dev.switchboard.wire.Reasoning;
import dev.switchboard.wire.ResponseFormat;
import dev.switchboard.wire.RoutingHints;
import dev.switchboard.wire.ToolChoice;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The generation controls and routing hints of a Chat Completions body (types already checked by
 * the parser), in canonical terms.
 */
final class OpenAiControls {
  private OpenAiControls() {}

  static Controls read(ObjectNode body, OptionalLong maxOutputTokens) throws WireException {
    return Controls.builder()
        .maxOutputTokens(maxOutputTokens)
        .temperature(decimal(body.get("temperature")))
        .topP(decimal(body.get("top_p")))
        .topK(whole(body.get("top_k")))
        .stop(stop(body.get("stop")))
        .seed(whole(body.get("seed")))
        .toolChoice(toolChoice(body.get("tool_choice")))
        .parallelToolCalls(
            Optional.ofNullable(body.get("parallel_tool_calls"))
                .filter(JsonNode::isBoolean)
                .map(JsonNode::asBoolean))
        .responseFormat(responseFormat(body.path("response_format")))
        .reasoning(reasoning(body))
        .user(Optional.ofNullable(body.path("user").textValue()))
        .metadata(metadata(body.path("metadata")))
        .build();
  }

  static RoutingHints hints(ObjectNode body) throws WireException {
    return RoutingHints.read(body);
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
    JsonNode name = choice.path("function").path("name");
    if (!name.isTextual()) {
      throw new WireException(
          "tool_choice.function.name: required, a string", "tool_choice.function.name", null);
    }
    return ToolChoice.named(name.asText());
  }

  private static ResponseFormat responseFormat(JsonNode format) {
    return switch (format.path("type").asText("text")) {
      case "json_object" -> ResponseFormat.JSON_OBJECT;
      case "json_schema" -> {
        JsonNode spec = format.path("json_schema");
        yield ResponseFormat.schema(
            spec.path("name").asText("response"),
            spec.path("schema"),
            spec.path("strict").asBoolean(false));
      }
      default -> ResponseFormat.TEXT;
    };
  }

  /** reasoning_effort, or OpenRouter's reasoning object (effort, max_tokens, enabled). */
  private static Optional<Reasoning> reasoning(ObjectNode body) {
    JsonNode effort = body.path("reasoning_effort");
    if (effort.isTextual()) {
      return Optional.of(effortOrOff(effort.asText()));
    }
    JsonNode reasoning = body.path("reasoning");
    if (!reasoning.isObject()) {
      return Optional.empty();
    }
    if (reasoning.path("enabled").isBoolean() && !reasoning.get("enabled").asBoolean()) {
      return Optional.of(Reasoning.OFF);
    }
    if (reasoning.path("max_tokens").isIntegralNumber()) {
      return Optional.of(Reasoning.budget(reasoning.get("max_tokens").asLong()));
    }
    if (reasoning.path("effort").isTextual()) {
      return Optional.of(effortOrOff(reasoning.get("effort").asText()));
    }
    return Optional.of(Reasoning.ADAPTIVE);
  }

  private static Reasoning effortOrOff(String level) {
    return "none".equals(level) ? Reasoning.OFF : Reasoning.effort(level);
  }

  private static List<String> stop(JsonNode stop) {
    if (stop == null || stop.isNull()) {
      return List.of();
    }
    if (stop.isTextual()) {
      return List.of(stop.asText());
    }
    List<String> sequences = new ArrayList<>(stop.size());
    stop.forEach(sequence -> sequences.add(sequence.asText()));
    return sequences;
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

  private static OptionalLong whole(JsonNode value) {
    return value != null && value.isIntegralNumber()
        ? OptionalLong.of(value.asLong())
        : OptionalLong.empty();
  }
}
