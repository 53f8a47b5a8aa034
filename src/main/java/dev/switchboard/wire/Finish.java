package dev.switchboard.wire;

import java.util.Optional;

/**
 * How an answer ended: the canonical reason, the provider's own word for it ({@code raw}, kept so
 * that an unknown reason reaches the client as it was, never as a clean stop) and the stop sequence
 * that matched, when the provider names it.
 */
public record Finish(FinishReason reason, String raw, Optional<String> stopSequence) {
  public static Finish of(FinishReason reason, String raw) {
    return new Finish(reason, raw, Optional.empty());
  }
}
