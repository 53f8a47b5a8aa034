package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Controls;
import dev.switchboard.wire.ResponseFormat;
import dev.switchboard.wire.ToolChoice;
import java.util.Set;

/** Writes canonical controls as Chat Completions fields; notes the ones it must leave out. */
final class OpenAiControlsWriter {
  private final Set<String> dropped;

  OpenAiControlsWriter(Set<String> dropped) {
    this.dropped = dropped;
  }

  void write(Controls controls, ObjectNode body) {
    controls.maxOutputTokens().ifPresent(max -> body.put("max_completion_tokens", max));
    controls.temperature().ifPresent(value -> body.put("temperature", value));
    controls.topP().ifPresent(value -> body.put("top_p", value));
    if (controls.topK().isPresent()) {
      // Not a Chat Completions field: OpenAI refuses it, and sampling stays close without it.
      dropped.add("top_k");
    }
    if (!controls.stop().isEmpty()) {
      controls.stop().forEach(body.withArray("stop")::add);
    }
    controls.seed().ifPresent(value -> body.put("seed", value));
    toolChoice(controls.toolChoice(), body);
    controls.parallelToolCalls().ifPresent(value -> body.put("parallel_tool_calls", value));
    responseFormat(controls.responseFormat(), body);
    controls
        .reasoning()
        .filter(
            reasoning ->
                reasoning.enabled()
                    && (reasoning.effort().isPresent() || reasoning.budgetTokens().isPresent()))
        .ifPresent(
            reasoning -> body.put("reasoning_effort", OpenAiRequestWriter.effortFor(reasoning)));
    controls.user().ifPresent(user -> body.put("user", user));
    if (!controls.metadata().isEmpty()) {
      // OpenAI accepts metadata only for stored completions; it never shapes the answer.
      dropped.add("metadata");
    }
  }

  private static void toolChoice(ToolChoice choice, ObjectNode body) {
    switch (choice.mode()) {
      case AUTO -> {
        // The default.
      }
      case NONE -> body.put("tool_choice", "none");
      case REQUIRED -> body.put("tool_choice", "required");
      case NAMED ->
          body.putObject("tool_choice")
              .put("type", "function")
              .putObject("function")
              .put("name", choice.name().orElse(""));
    }
  }

  private static void responseFormat(ResponseFormat format, ObjectNode body) {
    switch (format.kind()) {
      case TEXT -> {
        // The default.
      }
      case JSON_OBJECT -> body.putObject("response_format").put("type", "json_object");
      case JSON_SCHEMA -> {
        ObjectNode spec =
            body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        spec.put("name", format.name().orElse("response"));
        format.schema().ifPresent(schema -> spec.set("schema", schema));
        spec.put("strict", format.strict());
      }
    }
  }
}
