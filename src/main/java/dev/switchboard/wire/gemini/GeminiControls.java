package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Controls;
import dev.switchboard.wire.JsonKind;
import dev.switchboard.wire.Reasoning;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.ResponseFormat;
import dev.switchboard.wire.ToolChoice;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A client's generationConfig and toolConfig in canonical terms, each field type-checked with an
 * error that names it. safetySettings, cachedContent, candidateCount and penalties have no
 * canonical form: they reach a Gemini upstream in the relayed body and no other.
 */
final class GeminiControls {
  private static final Map<String, JsonKind> CONFIG =
      Map.of(
          "maxOutputTokens", JsonKind.INTEGER,
          "temperature", JsonKind.NUMBER,
          "topP", JsonKind.NUMBER,
          "topK", JsonKind.NUMBER,
          "stopSequences", JsonKind.ARRAY,
          "seed", JsonKind.INTEGER,
          "responseMimeType", JsonKind.STRING,
          "thinkingConfig", JsonKind.OBJECT);

  private GeminiControls() {}

  static Controls read(ObjectNode body, RequestLimits limits) throws WireException {
    JsonNode config = GeminiFields.get(body, "generationConfig");
    if (!config.isMissingNode()) {
      JsonKind.OBJECT.check(config, "generationConfig");
    }
    for (Map.Entry<String, JsonKind> field : CONFIG.entrySet()) {
      JsonNode value = GeminiFields.get(config, field.getKey());
      if (!value.isMissingNode()) {
        field.getValue().check(value, "generationConfig." + field.getKey());
      }
    }
    return Controls.builder()
        .maxOutputTokens(maxOutputTokens(config, limits))
        .temperature(decimal(GeminiFields.get(config, "temperature")))
        .topP(decimal(GeminiFields.get(config, "topP")))
        .topK(whole(GeminiFields.get(config, "topK")))
        .stop(stop(GeminiFields.get(config, "stopSequences")))
        .seed(whole(GeminiFields.get(config, "seed")))
        .toolChoice(toolChoice(body))
        .responseFormat(responseFormat(config))
        .reasoning(reasoning(GeminiFields.get(config, "thinkingConfig")))
        .build();
  }

  private static OptionalLong maxOutputTokens(JsonNode config, RequestLimits limits)
      throws WireException {
    JsonNode value = GeminiFields.get(config, "maxOutputTokens");
    if (value.isMissingNode()) {
      return OptionalLong.empty();
    }
    if (!value.canConvertToLong()
        || value.asLong() < 1
        || value.asLong() > limits.maxOutputTokens()) {
      throw new WireException(
          "generationConfig.maxOutputTokens: must be between 1 and " + limits.maxOutputTokens(),
          "generationConfig.maxOutputTokens",
          null);
    }
    return OptionalLong.of(value.asLong());
  }

  private static ToolChoice toolChoice(ObjectNode body) throws WireException {
    JsonNode config =
        GeminiFields.get(GeminiFields.get(body, "toolConfig"), "functionCallingConfig");
    String mode = config.path("mode").asText("AUTO").toUpperCase(Locale.ROOT);
    List<String> allowed = new ArrayList<>();
    GeminiFields.get(config, "allowedFunctionNames").forEach(name -> allowed.add(name.asText()));
    return switch (mode) {
      case "AUTO", "VALIDATED", "MODE_UNSPECIFIED" -> ToolChoice.AUTO;
      case "NONE" -> ToolChoice.NONE;
      // Several allowed names: the parser keeps only those tools, so "any of them" is exact.
      case "ANY" ->
          allowed.size() == 1 ? ToolChoice.named(allowed.getFirst()) : ToolChoice.REQUIRED;
      default ->
          throw new WireException(
              "toolConfig.functionCallingConfig.mode: expected AUTO, ANY, NONE or VALIDATED",
              "toolConfig.functionCallingConfig.mode",
              null);
    };
  }

  /** The names a mode ANY restricts the model to; empty when it may call any tool. */
  static List<String> allowedNames(ObjectNode body) {
    JsonNode config =
        GeminiFields.get(GeminiFields.get(body, "toolConfig"), "functionCallingConfig");
    List<String> allowed = new ArrayList<>();
    if ("ANY".equalsIgnoreCase(config.path("mode").asText(""))) {
      GeminiFields.get(config, "allowedFunctionNames").forEach(name -> allowed.add(name.asText()));
    }
    return allowed;
  }

  private static ResponseFormat responseFormat(JsonNode config) {
    if (!"application/json".equals(GeminiFields.get(config, "responseMimeType").asText(""))) {
      return ResponseFormat.TEXT;
    }
    JsonNode schema = GeminiFields.get(config, "responseJsonSchema");
    if (schema.isObject()) {
      return ResponseFormat.schema("response", schema, false);
    }
    schema = GeminiFields.get(config, "responseSchema");
    if (schema.isObject()) {
      return ResponseFormat.schema("response", GeminiSchemas.jsonSchema(schema), false);
    }
    return ResponseFormat.JSON_OBJECT;
  }

  /** thinkingBudget 0 is off and -1 adaptive; thinkingLevel is an effort; budget wins. */
  private static Optional<Reasoning> reasoning(JsonNode thinking) throws WireException {
    if (!thinking.isObject()) {
      return Optional.empty();
    }
    JsonNode budget = GeminiFields.get(thinking, "thinkingBudget");
    if (!budget.isMissingNode()) {
      JsonKind.INTEGER.check(budget, "generationConfig.thinkingConfig.thinkingBudget");
      long tokens = budget.asLong();
      return Optional.of(
          tokens == 0 ? Reasoning.OFF : tokens < 0 ? Reasoning.ADAPTIVE : Reasoning.budget(tokens));
    }
    JsonNode level = GeminiFields.get(thinking, "thinkingLevel");
    if (level.isTextual()) {
      String effort = level.asText().toLowerCase(Locale.ROOT);
      return Optional.of(
          effort.equals("thinking_level_unspecified")
              ? Reasoning.ADAPTIVE
              : Reasoning.effort(effort));
    }
    return GeminiFields.get(thinking, "includeThoughts").asBoolean(false)
        ? Optional.of(Reasoning.ADAPTIVE)
        : Optional.empty();
  }

  private static List<String> stop(JsonNode stop) {
    List<String> sequences = new ArrayList<>(stop.size());
    stop.forEach(sequence -> sequences.add(sequence.asText()));
    return sequences;
  }

  private static OptionalDouble decimal(JsonNode value) {
    return value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty();
  }

  private static OptionalLong whole(JsonNode value) {
    return value.isNumber() ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
  }
}
