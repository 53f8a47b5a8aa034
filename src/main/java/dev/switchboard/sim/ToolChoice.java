package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The request's {@code tool_choice}: whether the model may ({@code auto}, the default), must
 * ({@code required}, or a named function) or must not ({@code none}) call a tool.
 */
sealed interface ToolChoice {
  /** The model decides from the conversation. */
  record Auto() implements ToolChoice {}

  /** Never call a tool. */
  record None() implements ToolChoice {}

  /** Call some tool, whatever the conversation says. */
  record Required() implements ToolChoice {}

  /** Call this function. */
  record Named(String name) implements ToolChoice {}

  /**
   * Parses {@code tool_choice} against the request's functions; a named function must be one of
   * them and an unknown word is rejected, as OpenAI does.
   */
  static ToolChoice parse(JsonNode choice, List<JsonNode> functions) throws SimRejection {
    if (choice.isMissingNode() || choice.isNull()) {
      return new Auto();
    }
    if (choice.isTextual()) {
      return switch (choice.asText()) {
        case "auto" -> new Auto();
        case "none" -> new None();
        case "required" -> new Required();
        default ->
            throw invalid(
                "Invalid value: '"
                    + choice.asText()
                    + "'. Supported values are:"
                    + " 'none', 'auto', and 'required'.");
      };
    }
    String wanted = choice.path("function").path("name").asText("");
    if (wanted.isEmpty()) {
      return new Auto();
    }
    for (JsonNode function : functions) {
      if (wanted.equals(function.path("name").asText())) {
        return new Named(wanted);
      }
    }
    throw invalid(
        "Invalid value for 'tool_choice': no function named '" + wanted + "' in 'tools'.");
  }

  private static SimRejection invalid(String message) {
    return new SimRejection(SimError.badRequest(message, "tool_choice", "invalid_value"));
  }
}
