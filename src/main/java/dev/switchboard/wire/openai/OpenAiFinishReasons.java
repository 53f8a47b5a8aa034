package dev.switchboard.wire.openai;

import dev.switchboard.wire.FinishReason;
import java.util.Locale;

/** OpenAI finish_reason strings to and from the canonical FinishReason. */
final class OpenAiFinishReasons {
  private OpenAiFinishReasons() {}

  static FinishReason decode(String reason) {
    return switch (reason) {
      case "length" -> FinishReason.LENGTH;
      case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
      case "content_filter" -> FinishReason.CONTENT_FILTER;
      case "error" -> FinishReason.ERROR;
      default -> FinishReason.STOP;
    };
  }

  static String encode(FinishReason reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }
}
