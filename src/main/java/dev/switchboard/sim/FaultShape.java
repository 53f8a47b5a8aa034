package dev.switchboard.sim;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reshapes a stream script by the request's fault, the same way in every format: a script is a head
 * (what opens the stream), a body (content events) and a tail (finish, usage, end marker), and each
 * format only supplies its own in-band error event and its own malformed event.
 */
final class FaultShape {
  private FaultShape() {}

  /** The events of one streamed answer, split where faults cut them. */
  record Script(List<SseStep> head, List<SseStep> body, List<SseStep> tail) {}

  /** What a format writes for the in-stream-error and malformed-event faults. */
  record Frames(SseStep.Send error, SseStep.Send malformed) {}

  static List<SseStep> shape(@Nullable Fault fault, Script script, Frames frames) {
    List<SseStep> body = script.body();
    List<SseStep> steps = new ArrayList<>(script.head());
    switch (fault) {
      case Fault.DisconnectMidStream _ -> {
        steps.addAll(first(body, 3));
        steps.add(new SseStep.Close());
      }
      case Fault.StallAfterFirstEvent _ -> {
        steps.subList(Math.min(1, steps.size()), steps.size()).clear();
        steps.add(new SseStep.Stall());
      }
      case Fault.NoTerminal _ -> {
        steps.addAll(body);
        steps.add(new SseStep.End());
      }
      case Fault.ErrorInStream _ -> {
        steps.addAll(first(body, 2));
        steps.add(frames.error());
        steps.add(new SseStep.End());
      }
      case Fault.MalformedEvent _ -> {
        steps.addAll(body);
        steps.addAll(script.tail());
        steps.add(Math.min(2, steps.size()), frames.malformed());
        steps.add(new SseStep.End());
      }
      case null, default -> {
        steps.addAll(body);
        steps.addAll(script.tail());
        steps.add(new SseStep.End());
      }
    }
    return steps;
  }

  private static List<SseStep> first(List<SseStep> steps, int n) {
    return steps.subList(0, Math.min(n, steps.size()));
  }
}
