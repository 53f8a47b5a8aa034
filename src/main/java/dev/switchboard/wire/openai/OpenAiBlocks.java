package dev.switchboard.wire.openai;

import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.openai.OpenAiChunkReader.Piece;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Numbers the deltas of one OpenAI stream into canonical content blocks: each run of reasoning or
 * text is a block, each tool call another. Only the first choice is translated; with n > 1 the
 * stream can only be relayed to an OpenAI client, which gets the other choices verbatim. One per
 * stream.
 */
final class OpenAiBlocks {
  private enum Kind {
    NONE,
    REASONING,
    TEXT,
    TOOL
  }

  private final Map<Integer, Integer> toolBlocks = new HashMap<>(4);
  private int block = -1;
  private Kind open = Kind.NONE;

  void accept(Piece piece, Consumer<ChatEvent> out) throws WireException {
    if (piece.choice() != 0) {
      return;
    }
    switch (piece) {
      case Piece.Reasoning r ->
          out.accept(new ChatEvent.ReasoningDelta(run(Kind.REASONING), r.text()));
      case Piece.Content c -> out.accept(new ChatEvent.TextDelta(run(Kind.TEXT), c.text()));
      case Piece.ToolStart t -> {
        // Some providers repeat the id on every fragment: only the first one starts the call.
        if (!toolBlocks.containsKey(t.tool())) {
          block++;
          open = Kind.TOOL;
          toolBlocks.put(t.tool(), block);
          out.accept(new ChatEvent.ToolCallStarted(block, t.id(), t.name()));
        }
      }
      case Piece.ToolArguments a -> {
        Integer at = toolBlocks.get(a.tool());
        if (at == null) {
          throw new WireException("tool call " + a.tool() + " has arguments but never started");
        }
        out.accept(new ChatEvent.ToolArgumentsDelta(at, a.fragment()));
      }
      case Piece.Finish f ->
          out.accept(new ChatEvent.Finished(OpenAiFinishReasons.decode(f.reason())));
    }
  }

  private int run(Kind kind) {
    if (open != kind) {
      block++;
      open = kind;
    }
    return block;
  }
}
