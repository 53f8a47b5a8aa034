package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** What the simulated model does with one request, as {@link TurnPlanner} decides it. */
sealed interface Turn {
  /** Prose; right after a tool result it opens by reporting that result. */
  record Reply(Optional<ToolResult> after) implements Turn {}

  /**
   * The text after "Repeat after me:" in the user's last message, verbatim, tools or not: lets a
   * demo or a test see exactly what reached the provider (the data policy's placeholders, say) come
   * back.
   */
  record Echo(String text) implements Turn {}

  /** One call of this function, with arguments valid against its parameters schema. */
  record Call(JsonNode function) implements Turn {}

  /** JSON content valid against this schema. */
  record Structured(JsonNode schema) implements Turn {}

  /**
   * The tool message the conversation ends with, the name of the tool that produced it, and whether
   * the caller marked it as an error (Anthropic's {@code is_error}).
   */
  record ToolResult(String toolName, String content, boolean failed) {}
}
