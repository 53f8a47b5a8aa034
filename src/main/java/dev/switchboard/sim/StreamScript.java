package dev.switchboard.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.sim.CompletionJson.Envelope;
import dev.switchboard.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The exact sequence a streamed answer goes out as: role chunk, reasoning, content or tool-call
 * chunks, finish chunk, optional usage chunk, [DONE]; then reshaped by the request's fault.
 * Building the script up front keeps the writer dumb: it only paces and writes steps.
 */
final class StreamScript {
  private static final String ERROR_EVENT = SimError.inStream().toJson();

  private StreamScript() {}

  /** One thing the writer does, in order. */
  sealed interface Step {
    /** Writes {@code data: <data>\n\n}; {@code tokens} is what pacing charges for it. */
    record Send(String data, int tokens) implements Step {}

    /** Ends the HTTP response cleanly. */
    record End() implements Step {}

    /** Closes the TCP connection under the response. */
    record Close() implements Step {}

    /** Does nothing more; the connection stays open until the client leaves. */
    record Stall() implements Step {}
  }

  static List<Step> of(
      Envelope envelope, Answer answer, SimRequest request, SplittableRandom random) {
    Fault fault = request.fault().orElse(null);
    boolean usageDue = request.includeUsage() && !(fault instanceof Fault.NoUsage);
    Chunks chunks = new Chunks(envelope, usageDue, random);
    Step role = chunks.send(CompletionJson.roleDelta(), 0);
    List<Step> body =
        new ArrayList<>(chunks.of(answer.reasoning(), CompletionJson::reasoningDelta));
    answer
        .toolCall()
        .ifPresent(
            call -> {
              body.add(chunks.send(CompletionJson.toolStartDelta(call), 1));
              body.addAll(chunks.of(call.arguments(), CompletionJson::toolArgumentsDelta));
            });
    body.addAll(chunks.of(answer.content(), CompletionJson::contentDelta));
    List<Step> tail = new ArrayList<>();
    String finish = CompletionJson.chunk(envelope, Json.object(), answer.finishReason(), usageDue);
    tail.add(new Step.Send(finish, 0));
    if (usageDue) {
      tail.add(new Step.Send(CompletionJson.usageChunk(envelope, answer.usage()), 0));
    }
    tail.add(new Step.Send("[DONE]", 0));
    return shape(fault, role, body, tail);
  }

  private static List<Step> shape(
      @Nullable Fault fault, Step role, List<Step> body, List<Step> tail) {
    List<Step> steps = new ArrayList<>();
    steps.add(role);
    switch (fault) {
      case Fault.DisconnectMidStream _ -> {
        steps.addAll(first(body, 3));
        steps.add(new Step.Close());
      }
      case Fault.StallAfterFirstEvent _ -> steps.add(new Step.Stall());
      case Fault.NoTerminal _ -> {
        steps.addAll(body);
        steps.add(new Step.End());
      }
      case Fault.ErrorInStream _ -> {
        steps.addAll(first(body, 2));
        steps.add(new Step.Send(ERROR_EVENT, 0));
        steps.add(new Step.End());
      }
      case Fault.MalformedEvent _ -> {
        steps.addAll(body);
        steps.addAll(tail);
        steps.add(2, new Step.Send("{not json", 0));
        steps.add(new Step.End());
      }
      case null, default -> {
        steps.addAll(body);
        steps.addAll(tail);
        steps.add(new Step.End());
      }
    }
    return steps;
  }

  private static List<Step> first(List<Step> steps, int n) {
    return steps.subList(0, Math.min(n, steps.size()));
  }

  /** Chunk steps of one stream; each carries the envelope, and "usage":null when usage is due. */
  private record Chunks(Envelope envelope, boolean usageNull, SplittableRandom random) {
    Step send(ObjectNode delta, int tokens) {
      return new Step.Send(CompletionJson.chunk(envelope, delta, null, usageNull), tokens);
    }

    /** Text as a model streams it: one chunk per 1 to 3 tokens. */
    List<Step> of(String text, Function<String, ObjectNode> delta) {
      List<Step> steps = new ArrayList<>();
      for (Tokenizer.Piece piece : Tokenizer.pieces(text, random)) {
        steps.add(send(delta.apply(piece.text()), piece.tokens()));
      }
      return steps;
    }
  }
}
