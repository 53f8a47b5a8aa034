package dev.switchboard.wire;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How much the model should think. {@code enabled} false means the client switched thinking off.
 * {@code effort} is a level in lower case ("minimal", "low", "medium", "high", "max"; OpenAI's
 * reasoning_effort, Anthropic's output_config.effort, Gemini's thinkingLevel); {@code budgetTokens}
 * a token budget (Anthropic budget_tokens, Gemini thinkingBudget). Neither set with enabled true is
 * "adaptive": the model decides.
 */
public record Reasoning(boolean enabled, Optional<String> effort, OptionalLong budgetTokens) {
  public static final Reasoning OFF = new Reasoning(false, Optional.empty(), OptionalLong.empty());
  public static final Reasoning ADAPTIVE =
      new Reasoning(true, Optional.empty(), OptionalLong.empty());

  public static Reasoning effort(String level) {
    return new Reasoning(true, Optional.of(level), OptionalLong.empty());
  }

  public static Reasoning budget(long tokens) {
    return new Reasoning(true, Optional.empty(), OptionalLong.of(tokens));
  }
}
