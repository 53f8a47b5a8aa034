package dev.switchboard.wire.anthropic;

import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import java.util.Optional;

/**
 * Anthropic stop_reason words to and from the canonical Finish. A word we do not know stays OTHER
 * with its raw value, never end_turn: a cut answer must not look complete.
 */
final class AnthropicStopReasons {
  private AnthropicStopReasons() {}

  static Finish decode(String reason, Optional<String> stopSequence) {
    FinishReason canonical =
        switch (reason) {
          case "end_turn" -> FinishReason.STOP;
          case "stop_sequence" -> FinishReason.STOP_SEQUENCE;
          case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
          case "tool_use" -> FinishReason.TOOL_CALLS;
          case "pause_turn" -> FinishReason.PAUSE;
          case "refusal" -> FinishReason.CONTENT_FILTER;
          default -> FinishReason.OTHER;
        };
    return new Finish(canonical, reason, stopSequence);
  }

  static String encode(Finish finish) {
    return switch (finish.reason()) {
      case STOP -> "end_turn";
      case STOP_SEQUENCE -> "stop_sequence";
      // The provider's word when it was Anthropic's own (model_context_window_exceeded).
      case LENGTH ->
          "model_context_window_exceeded".equals(finish.raw()) ? finish.raw() : "max_tokens";
      case TOOL_CALLS -> "tool_use";
      case PAUSE -> "pause_turn";
      case CONTENT_FILTER -> "refusal";
      // No Anthropic word for these: the provider's own word, never a clean end_turn.
      case ERROR -> finish.raw().isEmpty() ? "error" : finish.raw();
      case OTHER -> finish.raw().isEmpty() ? "other" : finish.raw();
    };
  }
}
