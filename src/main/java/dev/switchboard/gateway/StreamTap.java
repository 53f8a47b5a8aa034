package dev.switchboard.gateway;

import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.Utf8;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Watches canonical events go by: the usage the provider reported, the text generated (for
 * estimates when it reports none) and whether any content has arrived yet.
 */
final class StreamTap implements Consumer<ChatEvent> {
  private final StringBuilder completion = new StringBuilder();
  private long textBytes;
  private Optional<Usage> usage = Optional.empty();
  private boolean content;

  @Override
  public void accept(ChatEvent event) {
    switch (event) {
      case ChatEvent.TextDelta text -> seen(text.text());
      case ChatEvent.ReasoningDelta reasoning -> seen(reasoning.text());
      case ChatEvent.ToolCallStarted call -> seen(call.name());
      case ChatEvent.ToolArgumentsDelta args -> seen(args.jsonFragment());
      case ChatEvent.UsageReported reported -> usage = Optional.of(reported.usage());
      case ChatEvent.Finished finished -> content = true;
      case ChatEvent.RedactedReasoning redacted -> content = true;
      case ChatEvent.Started started -> {
        // Carries no content.
      }
      case ChatEvent.ReasoningSignature signature -> {
        // Belongs to reasoning already seen.
      }
      case ChatEvent.BlockStopped stopped -> {
        // Likewise.
      }
    }
  }

  private void seen(String text) {
    completion.append(text);
    textBytes += Utf8.length(text, 0, text.length());
    content = true;
  }

  boolean sawContent() {
    return content;
  }

  Optional<Usage> usage() {
    return usage;
  }

  /** The UTF-8 size of what was generated so far: what a budget meter counts. */
  long textBytes() {
    return textBytes;
  }

  String completionText() {
    return completion.toString();
  }
}
