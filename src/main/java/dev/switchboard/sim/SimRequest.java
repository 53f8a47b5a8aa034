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

  /** The body as a JSON object, or a rejection with this format's wording. */
  static JsonNode jsonObject(String body, String notAnObject) throws SimRejection {
    try {
      JsonNode root = Json.tree(body);
      if (root.isObject()) {
        return root;
      }
    } catch (WireException e) {
      // Falls through to the format's own wording.
    }
    throw new SimRejection(SimError.badRequest(notAnObject, null, null));
  }
}
