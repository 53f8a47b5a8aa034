package dev.switchboard.wire.openai;

import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;

/**
 * OpenAI finish_reason strings to and from the canonical Finish. A reason we do not know stays
 * OTHER with its raw word: DeepSeek's insufficient_system_resource is a cut answer, not a stop.
 */
final class OpenAiFinishReasons {
  private OpenAiFinishReasons() {}

  static Finish decode(String reason) {
    FinishReason canonical =
        switch (reason) {
          case "stop" -> FinishReason.STOP;
          case "length" -> FinishReason.LENGTH;
          case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
          case "content_filter" -> FinishReason.CONTENT_FILTER;
          case "error" -> FinishReason.ERROR;
          default -> FinishReason.OTHER;
        };
    return Finish.of(canonical, reason);
  }

  static String encode(Finish finish) {
    return switch (finish.reason()) {
      case STOP, STOP_SEQUENCE -> "stop";
      case LENGTH -> "length";
      case TOOL_CALLS -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
      case ERROR -> "error";
      // No OpenAI word for these: the provider's own word, never a clean "stop".
      case PAUSE, OTHER -> finish.raw().isEmpty() ? "other" : finish.raw();
    };
  }
}
