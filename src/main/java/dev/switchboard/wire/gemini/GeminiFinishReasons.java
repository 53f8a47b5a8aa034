package dev.switchboard.wire.gemini;

import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import java.util.Set;

/**
 * Gemini finishReason words to and from the canonical Finish. A word we do not know stays OTHER
 * with its raw word, never a clean STOP.
 */
final class GeminiFinishReasons {
  /** The reasons that mean a filter withheld the answer. */
  private static final Set<String> FILTERED =
      Set.of(
          "SAFETY",
          "RECITATION",
          "BLOCKLIST",
          "PROHIBITED_CONTENT",
          "SPII",
          "IMAGE_SAFETY",
          "IMAGE_PROHIBITED_CONTENT",
          "IMAGE_RECITATION",
          "LANGUAGE");

  private GeminiFinishReasons() {}

  /** {@code calledTools}: STOP after a functionCall means the model waits for the results. */
  static Finish decode(String reason, boolean calledTools) {
    FinishReason canonical;
    if (reason.equals("STOP")) {
      canonical = calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
    } else if (reason.equals("MAX_TOKENS")) {
      canonical = FinishReason.LENGTH;
    } else if (FILTERED.contains(reason)) {
      canonical = FinishReason.CONTENT_FILTER;
    } else if (reason.equals("MALFORMED_FUNCTION_CALL")
        || reason.equals("UNEXPECTED_TOOL_CALL")
        || reason.equals("TOO_MANY_TOOL_CALLS")) {
      canonical = FinishReason.ERROR;
    } else {
      canonical = FinishReason.OTHER;
    }
    return Finish.of(canonical, reason);
  }

  static String encode(Finish finish) {
    return switch (finish.reason()) {
      case STOP, STOP_SEQUENCE, TOOL_CALLS -> "STOP";
      case LENGTH -> "MAX_TOKENS";
      case CONTENT_FILTER -> FILTERED.contains(finish.raw()) ? finish.raw() : "SAFETY";
      // No Gemini word for these: the provider's own word, never a clean STOP.
      case ERROR, PAUSE, OTHER -> finish.raw().isEmpty() ? "OTHER" : finish.raw();
    };
  }
}
