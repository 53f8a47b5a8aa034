package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Controls;
import dev.switchboard.wire.JsonKind;
import dev.switchboard.wire.Reasoning;
import dev.switchboard.wire.ResponseFormat;
import dev.switchboard.wire.ToolChoice;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The generation controls of a Messages body (top-level types already checked), in canonical terms:
 * tool_choice, thinking with output_config.effort, structured output, metadata.user_id.
 */
final class AnthropicControls {
  private AnthropicControls() {}

  static Controls read(ObjectNode body, long maxTokens) throws WireException {
    JsonNode choice = body.path("tool_choice");
    return Controls.builder()
        .maxOutputTokens(OptionalLong.of(maxTokens))
        .temperature(decimal(body.get("temperature")))
        .topP(decimal(body.get("top_p")))
        .topK(
            body.path("top_k").isIntegralNumber()
                ? OptionalLong.of(body.get("top_k").asLong())
                : OptionalLong.empty())
        .stop(stopSequences(body.get("stop_sequences")))
        .toolChoice(toolChoice(choice))
        .parallelToolCalls(
            choice.path("disable_parallel_tool_use").asBoolean(false)
                ? Optional.of(false)
                : Optional.empty())
        .responseFormat(responseFormat(body))
        .reasoning(reasoning(body))
        .user(Optional.ofNullable(body.path("metadata").path("user_id").textValue()))
        .build();
  }

  private static ToolChoice toolChoice(JsonNode choice) throws WireException {
    if (choice.isMissingNode() || choice.isNull()) {
      return ToolChoice.AUTO;
    }
    return switch (choice.path("type").asText("")) {
      case "auto" -> ToolChoice.AUTO;
      case "any" -> ToolChoice.REQUIRED;
      case "none" -> ToolChoice.NONE;
      case "tool" -> ToolChoice.named(AnthropicContent.string(choice, "name", "tool_choice"));
      default ->
          throw new WireException(
              "tool_choice.type: expected \"auto\", \"any\", \"tool\" or \"none\"",
              "tool_choice.type",
              null);
    };
  }

  /**
   * thinking {enabled, budget_tokens} is a budget, {adaptive} lets the model decide, {disabled} is
   * off; output_config.effort is the effort level, alone or beside thinking.
   */
  private static Optional<Reasoning> reasoning(ObjectNode body) throws WireException {
    JsonNode effortNode = body.path("output_config").path("effort");
    Optional<String> effort = Optional.ofNullable(effortNode.textValue());
    JsonNode thinking = body.path("thinking");
    if (thinking.isMissingNode() || thinking.isNull()) {
      return effort.map(Reasoning::effort);
    }
    return switch (thinking.path("type").asText("")) {
      case "enabled" -> {
        JsonNode budget = thinking.path("budget_tokens");
        JsonKind.INTEGER.check(budget, "thinking.budget_tokens");
        yield Optional.of(new Reasoning(true, effort, OptionalLong.of(budget.asLong())));
      }
      case "adaptive" -> Optional.of(new Reasoning(true, effort, OptionalLong.empty()));
      case "disabled" -> Optional.of(Reasoning.OFF);
      default ->
          throw new WireException(
              "thinking.type: expected \"enabled\", \"adaptive\" or \"disabled\"",
              "thinking.type",
              null);
    };
  }

  /** output_config.format (and the beta's top-level output_format): {type: json_schema, schema}. */
  private static ResponseFormat responseFormat(ObjectNode body) {
    JsonNode format = body.path("output_config").path("format");
    if (format.isMissingNode() || format.isNull()) {
      format = body.path("output_format");
    }
    if ("json_schema".equals(format.path("type").asText()) && format.path("schema").isObject()) {
      return ResponseFormat.schema("response", format.get("schema"), true);
    }
    return ResponseFormat.TEXT;
  }

  private static List<String> stopSequences(JsonNode stop) throws WireException {
    if (stop == null || stop.isNull()) {
      return List.of();
    }
    List<String> sequences = new ArrayList<>(stop.size());
    for (int i = 0; i < stop.size(); i++) {
      JsonKind.STRING.check(stop.get(i), "stop_sequences[" + i + "]");
      sequences.add(stop.get(i).asText());
    }
    return sequences;
  }

  private static OptionalDouble decimal(JsonNode value) {
    return value != null && value.isNumber()
        ? OptionalDouble.of(value.asDouble())
        : OptionalDouble.empty();
  }
}
