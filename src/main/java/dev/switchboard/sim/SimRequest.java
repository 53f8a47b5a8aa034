package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a request that shape the sim's answer, in every format. {@code model} is echoed as
 * sent; {@code baseModel} drops a {@code +fault=} suffix and seeds the text together with the
 * messages. {@code messages} is the conversation in the sim's one planning shape, Chat Completions
 * messages (Anthropic and Gemini requests are converted into it, so {@link TurnPlanner} serves all
 * formats). {@code functions} are the tools as {@code {name, description, parameters}}; {@code
 * toolChoice} and {@code format} say what kind of answer the caller allows. {@code showReasoning}
 * is false where the caller asked for thinking to stay hidden (Gemini without includeThoughts);
 * {@code prompt} is what token counts and the prompt cache see. {@link #parse} reads the OpenAI
 * format; {@link AnthropicRequest} and {@link GeminiRequest} read the others.
 */
record SimRequest(
    String model,
    String baseModel,
    List<JsonNode> messages,
    boolean stream,
    boolean includeUsage,
    OptionalInt maxTokens,
    List<JsonNode> functions,
    ToolChoice toolChoice,
    OutputFormat format,
    Reasoning reasoning,
    List<String> stop,
    Prompt prompt,
    Optional<Fault> fault) {

  private static final String FAULT_MARK = "+fault=";

  /** Whether the model thinks, and whether the caller sees the thoughts. */
  record Reasoning(boolean thinks, boolean shown) {
    static final Reasoning NONE = new Reasoning(false, false);
  }

  SimRequest {
    messages = List.copyOf(messages);
    functions = List.copyOf(functions);
    stop = List.copyOf(stop);
  }

  /** The model name without its {@code +fault=} suffix. */
  static String baseModel(String model) {
    int mark = model.indexOf(FAULT_MARK);
    return mark < 0 ? model : model.substring(0, mark);
  }

  /** The fault the header names, else the one the model name carries, parsed. */
  static Optional<Fault> fault(String model, @Nullable String faultHeader) throws SimRejection {
    int mark = model.indexOf(FAULT_MARK);
    Optional<String> spec = Optional.ofNullable(faultHeader).or(() -> modelFault(model, mark));
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Fault.parse(spec.get()));
    } catch (IllegalArgumentException e) {
      throw new SimRejection(
          SimError.badRequest(String.valueOf(e.getMessage()), "x-sim-fault", "invalid_sim_fault"));
    }
  }

  /** Parses a request body; a fault named by the header wins over one named in the model. */
  static SimRequest parse(String body, @Nullable String faultHeader) throws SimRejection {
    JsonNode root = tree(body);
    String model = root.path("model").asText("");
    if (!root.path("model").isTextual() || model.isBlank()) {
      throw new SimRejection(SimError.badRequest("you must provide a model parameter", null, null));
    }
    String baseModel = baseModel(model);
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
        new Reasoning(wantsReasoning(root, baseModel), true),
        strings(root.path("stop")),
        Prompt.ofChatMessages(messages),
        fault(model, faultHeader));
  }

  /** A string or an array of strings (stop sequences), as a list. */
  static List<String> strings(JsonNode value) {
    List<String> list = new ArrayList<>();
    if (value.isTextual()) {
      list.add(value.asText());
    }
    for (JsonNode item : value) {
      if (item.isTextual() && !item.asText().isEmpty()) {
        list.add(item.asText());
      }
    }
    return list;
  }

  private static Optional<String> modelFault(String model, int mark) {
    return mark < 0 ? Optional.empty() : Optional.of(model.substring(mark + FAULT_MARK.length()));
  }

  private static JsonNode tree(String body) throws SimRejection {
    try {
      JsonNode root = Json.tree(body);
      if (root.isObject()) {
        return root;
      }
    } catch (WireException e) {
      // Falls through to OpenAI's own wording below.
    }
    throw new SimRejection(
        SimError.badRequest(
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't"
                + " using your HTTP library correctly. The OpenAI API expects a JSON payload, but"
                + " what was sent was not valid JSON.)",
            null,
            null));
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
