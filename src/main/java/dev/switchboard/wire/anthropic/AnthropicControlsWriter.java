package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Controls;
import dev.switchboard.wire.Reasoning;
import dev.switchboard.wire.ResponseFormat;
import dev.switchboard.wire.ToolChoice;
import dev.switchboard.wire.WireException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes canonical controls as Messages fields, naming in {@code dropped} what it leaves out.
 *
 * <p>max_tokens is required by Anthropic: a client that set none gets {@value #DEFAULT_MAX_TOKENS}
 * (raised above a thinking budget when one is asked for), and nothing is listed, since no client
 * field was lost. Reasoning becomes extended thinking with a token budget, the one form every
 * thinking Claude model takes (output_config.effort and adaptive thinking exist only on the newest
 * ones): an effort level maps to a budget ({@link #budgetFor}), at least Anthropic's minimum of
 * 1024. Thinking excludes forced tool use and sampling other than temperature 1 and top_p >= 0.95,
 * so a conflicting control is dropped and named.
 */
final class AnthropicControlsWriter {
  static final long DEFAULT_MAX_TOKENS = 4096;
  static final long MIN_BUDGET = 1024;

  private final Set<String> dropped;

  AnthropicControlsWriter(Set<String> dropped) {
    this.dropped = dropped;
  }

  void write(Controls controls, boolean hasTools, ObjectNode body) throws WireException {
    long budget = thinkingBudget(controls, hasTools);
    long maxTokens =
        controls
            .maxOutputTokens()
            .orElse(Math.max(DEFAULT_MAX_TOKENS, budget + DEFAULT_MAX_TOKENS));
    if (budget >= maxTokens) {
      budget = maxTokens - 1;
    }
    if (budget > 0 && budget < MIN_BUDGET) {
      // The answer's own limit leaves no room for Anthropic's smallest budget.
      dropped.add("reasoning");
      budget = 0;
    }
    body.put("max_tokens", maxTokens);
    if (budget > 0) {
      body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
    }
    sampling(controls, budget > 0, body);
    if (!controls.stop().isEmpty()) {
      controls.stop().forEach(body.withArray("stop_sequences")::add);
    }
    if (controls.seed().isPresent()) {
      dropped.add("seed");
    }
    if (hasTools) {
      toolChoice(controls, body);
    }
    responseFormat(controls.responseFormat(), body);
    controls.user().ifPresent(user -> body.putObject("metadata").put("user_id", user));
    if (!controls.metadata().isEmpty()) {
      // Anthropic's metadata takes user_id only; the rest never shapes the answer.
      dropped.add("metadata");
    }
  }

  /** 0 when no thinking is asked for, or when forced tool use excludes it (then named). */
  private long thinkingBudget(Controls controls, boolean hasTools) {
    Reasoning reasoning = controls.reasoning().orElse(Reasoning.OFF);
    if (!reasoning.enabled()) {
      return 0;
    }
    ToolChoice.Mode mode = controls.toolChoice().mode();
    if (hasTools && (mode == ToolChoice.Mode.REQUIRED || mode == ToolChoice.Mode.NAMED)) {
      dropped.add("reasoning");
      return 0;
    }
    long budget = reasoning.budgetTokens().orElse(budgetFor(reasoning.effort().orElse("medium")));
    return Math.max(MIN_BUDGET, budget);
  }

  /** An effort level as a thinking budget; adaptive (no level) thinks at medium. */
  static long budgetFor(String effort) {
    return switch (effort.toLowerCase(Locale.ROOT)) {
      case "minimal" -> 1024;
      case "low" -> 2048;
      case "high" -> 16_384;
      case "xhigh", "max" -> 32_768;
      default -> 8192;
    };
  }

  private void sampling(Controls controls, boolean thinking, ObjectNode body) {
    controls
        .temperature()
        .ifPresent(
            value -> {
              if (thinking && value != 1.0) {
                dropped.add("temperature");
              } else {
                body.put("temperature", value);
              }
            });
    controls
        .topP()
        .ifPresent(
            value -> {
              if (thinking && value < 0.95) {
                dropped.add("top_p");
              } else {
                body.put("top_p", value);
              }
            });
    controls
        .topK()
        .ifPresent(
            value -> {
              if (thinking) {
                dropped.add("top_k");
              } else {
                body.put("top_k", value);
              }
            });
  }

  private static void toolChoice(Controls controls, ObjectNode body) {
    ToolChoice choice = controls.toolChoice();
    boolean serial = controls.parallelToolCalls().map(parallel -> !parallel).orElse(false);
    @Nullable ObjectNode out =
        switch (choice.mode()) {
          case AUTO -> serial ? body.putObject("tool_choice").put("type", "auto") : null;
          case NONE -> body.putObject("tool_choice").put("type", "none");
          case REQUIRED -> body.putObject("tool_choice").put("type", "any");
          case NAMED ->
              body.putObject("tool_choice")
                  .put("type", "tool")
                  .put("name", choice.name().orElse(""));
        };
    if (out != null && serial && choice.mode() != ToolChoice.Mode.NONE) {
      out.put("disable_parallel_tool_use", true);
    }
  }

  /**
   * A JSON schema becomes Anthropic's structured output (output_config.format). Anthropic has no
   * "any JSON object" mode, and leaving it out would change the answer's shape: refused.
   */
  private static void responseFormat(ResponseFormat format, ObjectNode body) throws WireException {
    switch (format.kind()) {
      case TEXT -> {
        // The default.
      }
      case JSON_OBJECT ->
          throw new WireException(
              "response_format: json_object has no Anthropic equivalent; send a json_schema",
              "response_format",
              null);
      case JSON_SCHEMA -> {
        ObjectNode out =
            body.putObject("output_config").putObject("format").put("type", "json_schema");
        format.schema().ifPresent(schema -> out.set("schema", schema));
      }
    }
  }
}
