package dev.switchboard.policy.redact;

import dev.switchboard.wire.ChatEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Restores placeholders in one upstream stream (one attempt): in {@link ChatEvent.TextDelta}s as
 * text and in {@link ChatEvent.ToolArgumentsDelta}s JSON-escaped, per block, however the
 * placeholder is split across deltas. Of each block it holds back only a trailing piece that can
 * still grow into a placeholder of this request ({@code <EMA} while {@code <EMAIL_1>} is one), and
 * releases it as soon as it cannot. Held text is released before any event of another block (an
 * encoder closes a block when the next one opens, so nothing may follow it late), before the
 * block's {@link ChatEvent.BlockStopped}, before {@link ChatEvent.Finished} and at {@link #finish}.
 * Every other event, reasoning included, passes unchanged and in order. Single-threaded.
 */
public final class StreamRestorer {
  private record Held(boolean arguments, String text) {}

  private final Restorer restorer;
  private final Map<Integer, Held> held = new LinkedHashMap<>();

  StreamRestorer(Restorer restorer) {
    this.restorer = restorer;
  }

  /** Passes {@code event} to {@code out} with placeholders restored, holding back what it must. */
  public void accept(ChatEvent event, Consumer<ChatEvent> out) {
    if (restorer.isEmpty()) {
      out.accept(event);
      return;
    }
    switch (event) {
      case ChatEvent.TextDelta delta -> delta(delta.block(), false, delta.text(), event, out);
      case ChatEvent.ToolArgumentsDelta delta ->
          delta(delta.block(), true, delta.jsonFragment(), event, out);
      case ChatEvent.BlockStopped stopped -> {
        releaseAll(out);
        out.accept(stopped);
      }
      case ChatEvent.Finished finished -> {
        releaseAll(out);
        out.accept(finished);
      }
      case ChatEvent.ReasoningDelta reasoning -> other(reasoning.block(), event, out);
      case ChatEvent.ReasoningSignature signature -> other(signature.block(), event, out);
      case ChatEvent.RedactedReasoning redacted -> other(redacted.block(), event, out);
      case ChatEvent.ToolCallStarted started -> other(started.block(), event, out);
      case ChatEvent.Started started -> out.accept(started);
      case ChatEvent.UsageReported usage -> out.accept(usage);
    }
  }

  /** Releases everything still held: the upstream stream ended. */
  public void finish(Consumer<ChatEvent> out) {
    releaseAll(out);
  }

  private void delta(
      int block, boolean arguments, String fragment, ChatEvent event, Consumer<ChatEvent> out) {
    releaseOthers(block, out);
    Held before = held.remove(block);
    if (before == null && fragment.isEmpty()) {
      out.accept(event);
      return;
    }
    String text = before == null ? fragment : before.text() + fragment;
    int cut = restorer.heldFrom(text);
    if (cut < text.length()) {
      held.put(block, new Held(arguments, text.substring(cut)));
    }
    if (cut > 0) {
      out.accept(deltaOf(block, arguments, restorer.replace(text.substring(0, cut), arguments)));
    }
  }

  private void other(int block, ChatEvent event, Consumer<ChatEvent> out) {
    releaseOthers(block, out);
    out.accept(event);
  }

  private void releaseOthers(int block, Consumer<ChatEvent> out) {
    if (held.isEmpty() || (held.size() == 1 && held.containsKey(block))) {
      return;
    }
    for (Integer other : new ArrayList<>(held.keySet())) {
      if (other != block) {
        release(other, out);
      }
    }
  }

  private void releaseAll(Consumer<ChatEvent> out) {
    for (Integer block : List.copyOf(held.keySet())) {
      release(block, out);
    }
  }

  /** A held piece is never a whole placeholder: it goes out as it came. */
  private void release(int block, Consumer<ChatEvent> out) {
    Held piece = held.remove(block);
    if (piece != null) {
      out.accept(deltaOf(block, piece.arguments(), piece.text()));
    }
  }

  private static ChatEvent deltaOf(int block, boolean arguments, String text) {
    return arguments
        ? new ChatEvent.ToolArgumentsDelta(block, text)
        : new ChatEvent.TextDelta(block, text);
  }
}
