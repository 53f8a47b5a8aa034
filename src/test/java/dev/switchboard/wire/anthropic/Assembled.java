package dev.switchboard.wire.anthropic;

import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A stream's canonical events folded into the answer they spell: blocks, finish and usage. */
record Assembled(List<Part> content, Optional<Finish> finish, Optional<Usage> usage) {
  static Assembled of(List<ChatEvent> events) {
    Map<Integer, String[]> blocks = new LinkedHashMap<>();
    Optional<Finish> finish = Optional.empty();
    Optional<Usage> usage = Optional.empty();
    for (ChatEvent event : events) {
      switch (event) {
        case ChatEvent.TextDelta t -> append(blocks, t.block(), "text", 1, t.text());
        case ChatEvent.ReasoningDelta r -> append(blocks, r.block(), "thinking", 1, r.text());
        case ChatEvent.ReasoningSignature s ->
            append(blocks, s.block(), "thinking", 2, s.signature());
        case ChatEvent.RedactedReasoning r -> append(blocks, r.block(), "redacted", 1, r.data());
        case ChatEvent.ToolCallStarted c -> {
          append(blocks, c.block(), "tool", 2, c.id());
          append(blocks, c.block(), "tool", 3, c.name());
        }
        case ChatEvent.ToolArgumentsDelta a ->
            append(blocks, a.block(), "tool", 1, a.jsonFragment());
        case ChatEvent.Finished f -> finish = Optional.of(f.finish());
        case ChatEvent.UsageReported u -> usage = Optional.of(u.usage());
        default -> {
          // Started, BlockStopped.
        }
      }
    }
    List<Part> content = new ArrayList<>();
    for (String[] b : blocks.values()) {
      content.add(
          switch (b[0]) {
            case "text" -> Part.Text.of(b[1]);
            case "thinking" -> new Part.Thinking(b[1], b[2]);
            case "redacted" -> new Part.RedactedThinking(b[1]);
            default -> new Part.ToolUse(b[2], b[3], b[1]);
          });
    }
    return new Assembled(content, finish, usage);
  }

  private static void append(
      Map<Integer, String[]> blocks, int block, String kind, int slot, String text) {
    String[] b = blocks.computeIfAbsent(block, k -> new String[] {kind, "", "", ""});
    b[slot] += text;
  }
}
