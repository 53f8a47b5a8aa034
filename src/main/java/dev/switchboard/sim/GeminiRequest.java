package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Gemini generateContent request (the model comes from the path) into a {@link SimRequest}.
 * {@code generationConfig} gives max output tokens, stop sequences, JSON output ({@code
 * responseMimeType} application/json, with {@code responseSchema} or {@code responseJsonSchema})
 * and thinking: 2.5 and later models think unless {@code thinkingBudget} is 0, and show their
 * thoughts only with {@code includeThoughts}. {@code toolConfig} modes ANY and NONE map to required
 * and none (ANY with one allowed name calls that function).
 */
final class GeminiRequest {
  private GeminiRequest() {}

  static SimRequest parse(String model, boolean stream, String body, @Nullable String faultHeader)
      throws SimRejection {
    JsonNode root =
        SimRequest.jsonObject(body, "Invalid JSON payload received. Expected an object.");
    JsonNode contents = root.path("contents");
    if (!contents.isArray() || contents.isEmpty()) {
      throw invalid("* GenerateContentRequest.contents: contents is not specified");
    }
    JsonNode config = root.path("generationConfig");
    String baseModel = SimRequest.baseModel(model);
    return new SimRequest(
        model,
        baseModel,
        GeminiConversation.messages(root.path("systemInstruction"), contents),
        stream,
        true,
        maxTokens(config),
        GeminiConversation.functions(root.path("tools")),
        toolChoice(root.path("toolConfig").path("functionCallingConfig")),
        format(config),
        reasoning(config.path("thinkingConfig"), baseModel),
        SimRequest.strings(config.path("stopSequences")),
        GeminiConversation.prompt(root),
        SimRequest.fault(model, faultHeader));
  }

  private static OptionalInt maxTokens(JsonNode config) throws SimRejection {
    JsonNode value = config.path("maxOutputTokens");
    if (value.isMissingNode() || value.isNull()) {
      return OptionalInt.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
      throw invalid(
          "* GenerateContentRequest.generation_config.max_output_tokens: must be positive");
    }
    return OptionalInt.of(value.asInt());
  }

  private static SimRequest.Reasoning reasoning(JsonNode thinking, String baseModel) {
    boolean shown = thinking.path("includeThoughts").asBoolean(false);
    JsonNode budget = thinking.path("thinkingBudget");
    if (budget.isIntegralNumber() && budget.asInt() == 0) {
      return SimRequest.Reasoning.NONE;
    }
    boolean thinkingModel =
        baseModel.contains("2.5")
            || baseModel.startsWith("gemini-3")
            || baseModel.contains("thinking");
    boolean asked = shown || (budget.isIntegralNumber() && budget.asInt() != 0);
    return new SimRequest.Reasoning(thinkingModel || asked, shown);
  }

  private static ToolChoice toolChoice(JsonNode config) {
    List<String> allowed = SimRequest.strings(config.path("allowedFunctionNames"));
    return switch (config.path("mode").asText("AUTO")) {
      case "ANY" ->
          allowed.size() == 1
              ? new ToolChoice.Named(allowed.getFirst())
              : new ToolChoice.Required();
      case "NONE" -> new ToolChoice.None();
      default -> new ToolChoice.Auto();
    };
  }

  private static OutputFormat format(JsonNode config) {
    if (!config.path("responseMimeType").asText("").equals("application/json")) {
      return new OutputFormat.Text();
    }
    JsonNode schema = config.path("responseJsonSchema");
    if (!schema.isObject()) {
      schema = config.path("responseSchema");
    }
    return schema.isObject()
        ? new OutputFormat.JsonSchema(GeminiConversation.jsonSchema(schema))
        : new OutputFormat.JsonObject();
  }

  private static SimRejection invalid(String message) {
    return new SimRejection(SimError.badRequest(message, null, null));
  }
}
