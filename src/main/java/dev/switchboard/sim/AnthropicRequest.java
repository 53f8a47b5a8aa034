package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Reads an Anthropic Messages request body into a {@link SimRequest}, refusing what the real API
 * refuses with its wording: no model, no or a non-positive {@code max_tokens}, no messages, a
 * thinking budget under 1,024 or not below {@code max_tokens}, a bad cache TTL, more than four
 * breakpoints. {@code thinking} of type enabled or adaptive makes the model think; {@code
 * tool_choice} any/tool/none map to required/named/none; {@code output_format} (or {@code
 * output_config.format}) of type json_schema asks for structured output.
 */
final class AnthropicRequest {
  static final int MIN_THINKING_BUDGET = 1024;

  private AnthropicRequest() {}

  /** {@code counting}: a count_tokens request, which has no max_tokens. */
  static SimRequest parse(String body, @Nullable String faultHeader, boolean counting)
      throws SimRejection {
    JsonNode root =
        SimRequest.jsonObject(
            body, "There was an error parsing the body of your request: it is not a JSON object");
    String model = root.path("model").asText("");
    if (!root.path("model").isTextual() || model.isBlank()) {
      throw invalid("model: Field required");
    }
    int maxTokens = counting && !root.has("max_tokens") ? Integer.MAX_VALUE : maxTokens(root);
    JsonNode messages = root.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw invalid("messages: Field required");
    }
    List<JsonNode> functions = AnthropicConversation.functions(root.path("tools"));
    String baseModel = SimRequest.baseModel(model);
    return new SimRequest(
        model,
        baseModel,
        AnthropicConversation.messages(root.path("system"), messages),
        root.path("stream").asBoolean(false),
        true,
        OptionalInt.of(maxTokens),
        functions,
        toolChoice(root.path("tool_choice")),
        format(root),
        new SimRequest.Reasoning(thinks(root.path("thinking"), maxTokens), true),
        SimRequest.strings(root.path("stop_sequences")),
        AnthropicPrompt.of(root),
        SimRequest.fault(model, faultHeader));
  }

  private static int maxTokens(JsonNode root) throws SimRejection {
    JsonNode value = root.path("max_tokens");
    if (value.isMissingNode() || value.isNull()) {
      throw invalid("max_tokens: Field required");
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
      throw invalid("max_tokens: Input should be greater than or equal to 1");
    }
    return value.asInt();
  }

  private static boolean thinks(JsonNode thinking, int maxTokens) throws SimRejection {
    return switch (thinking.path("type").asText("disabled")) {
      case "adaptive" -> true;
      case "enabled" -> {
        int budget = thinking.path("budget_tokens").asInt(0);
        if (budget < MIN_THINKING_BUDGET) {
          throw invalid(
              "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
        }
        if (budget >= maxTokens) {
          throw invalid("`max_tokens` must be greater than `thinking.budget_tokens`.");
        }
        yield true;
      }
      default -> false;
    };
  }

  private static ToolChoice toolChoice(JsonNode choice) {
    return switch (choice.path("type").asText("auto")) {
      case "any" -> new ToolChoice.Required();
      case "none" -> new ToolChoice.None();
      case "tool" -> new ToolChoice.Named(choice.path("name").asText(""));
      default -> new ToolChoice.Auto();
    };
  }

  private static OutputFormat format(JsonNode root) {
    JsonNode format = root.path("output_config").path("format");
    if (!format.isObject()) {
      format = root.path("output_format");
    }
    JsonNode schema = format.path("schema");
    return format.path("type").asText("").equals("json_schema") && schema.isObject()
        ? new OutputFormat.JsonSchema(schema)
        : new OutputFormat.Text();
  }

  private static SimRejection invalid(String message) {
    return new SimRejection(SimError.badRequest(message, null, null));
  }
}
