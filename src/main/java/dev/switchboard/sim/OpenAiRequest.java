package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Reads an OpenAI Chat Completions request body into a {@link SimRequest}, refusing what OpenAI
 * refuses with its wording. Its messages are already in the sim's planning shape.
 */
final class OpenAiRequest {
  private OpenAiRequest() {}

  /** Parses a request body; a fault named by the header wins over one named in the model. */
  static SimRequest parse(String body, @Nullable String faultHeader) throws SimRejection {
    JsonNode root =
        SimRequest.jsonObject(
            body,
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't"
                + " using your HTTP library correctly. The OpenAI API expects a JSON payload, but"
                + " what was sent was not valid JSON.)");
    String model = root.path("model").asText("");
    if (!root.path("model").isTextual() || model.isBlank()) {
      throw new SimRejection(SimError.badRequest("you must provide a model parameter", null, null));
    }
    String baseModel = SimRequest.baseModel(model);
    List<JsonNode> functions = functions(root);
    List<JsonNode> messages = messages(root);
    return new SimRequest(
        model,
        baseModel,
        messages,
        root.path("stream").asBoolean(false),
        root.path("stream_options").path("include_usage").asBoolean(false),
        maxTokens(root),
        functions,
        ToolChoice.parse(root.path("tool_choice"), functions),
        OutputFormat.parse(root.path("response_format")),
        new SimRequest.Reasoning(wantsReasoning(root, baseModel), true),
        SimRequest.strings(root.path("stop")),
        Prompt.ofChatMessages(messages),
        SimRequest.fault(model, faultHeader));
  }

  private static List<JsonNode> messages(JsonNode root) throws SimRejection {
    JsonNode messages = root.path("messages");
    if (messages.isMissingNode() || messages.isNull()) {
      throw new SimRejection(
          SimError.badRequest(
              "Missing required parameter: 'messages'.", "messages", "missing_required_parameter"));
    }
    if (!messages.isArray() || messages.isEmpty()) {
      throw new SimRejection(
          SimError.badRequest(
              "Invalid 'messages': expected a non-empty array of messages.",
              "messages",
              "invalid_value"));
    }
    List<JsonNode> list = new ArrayList<>();
    messages.forEach(list::add);
    return List.copyOf(list);
  }

  private static OptionalInt maxTokens(JsonNode root) throws SimRejection {
    String field = root.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
    JsonNode value = root.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return OptionalInt.empty();
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
      throw new SimRejection(
          SimError.badRequest(
              "Invalid '" + field + "': expected a positive integer.", field, "invalid_value"));
    }
    return OptionalInt.of(value.asInt());
  }

  /** The {@code function} of every function tool, in request order. */
  private static List<JsonNode> functions(JsonNode root) {
    List<JsonNode> functions = new ArrayList<>();
    for (JsonNode tool : root.path("tools")) {
      if (tool.path("function").path("name").isTextual()) {
        functions.add(tool.path("function"));
      }
    }
    return List.copyOf(functions);
  }

  private static boolean wantsReasoning(JsonNode root, String baseModel) {
    JsonNode effort = root.path("reasoning_effort");
    boolean byEffort = effort.isTextual() && !"none".equals(effort.asText());
    return byEffort
        || root.path("reasoning").isObject()
        || baseModel.contains("reasoner")
        || baseModel.contains("thinking");
  }
}
