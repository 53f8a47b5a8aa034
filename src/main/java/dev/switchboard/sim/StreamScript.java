package dev.switchboard.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The exact sequence an OpenAI streamed answer goes out as: role chunk, reasoning, content or
 * tool-call chunks, finish chunk, optional usage chunk, [DONE]; then reshaped by the request's
 * fault (see {@link FaultShape}).
 */
final class StreamScript {
  private static final FaultShape.Frames FRAMES =
      new FaultShape.Frames(
          SseStep.data(SimError.inStream().toJson(), 0), SseStep.data("{not json", 0));

  private StreamScript() {}

  static List<SseStep> of(
      Envelope envelope, Answer answer, SimRequest request, SplittableRandom random) {
    Fault fault = request.fault().orElse(null);
    boolean usageDue = request.includeUsage() && !(fault instanceof Fault.NoUsage);
    Chunks chunks = new Chunks(envelope, usageDue, random);
    SseStep role = chunks.send(CompletionJson.roleDelta(), 0);
    List<SseStep> body =
        new ArrayList<>(chunks.of(answer.reasoning(), CompletionJson::reasoningDelta));
    answer
        .toolCall()
        .ifPresent(
            call -> {
              body.add(chunks.send(CompletionJson.toolStartDelta(call), 1));
              body.addAll(chunks.of(call.arguments(), CompletionJson::toolArgumentsDelta));
            });
    body.addAll(chunks.of(answer.content(), CompletionJson::contentDelta));
    List<SseStep> tail = new ArrayList<>();
    String finish = CompletionJson.chunk(envelope, Json.object(), answer.finishReason(), usageDue);
    tail.add(SseStep.data(finish, 0));
    if (usageDue) {
      tail.add(SseStep.data(CompletionJson.usageChunk(envelope, answer.usage()), 0));
    }
    tail.add(SseStep.data("[DONE]", 0));
    return FaultShape.shape(fault, new FaultShape.Script(List.of(role), body, tail), FRAMES);
  }

  /** Chunk steps of one stream; each carries the envelope, and "usage":null when usage is due. */
  private record Chunks(Envelope envelope, boolean usageNull, SplittableRandom random) {
    SseStep send(ObjectNode delta, int tokens) {
      return SseStep.data(CompletionJson.chunk(envelope, delta, null, usageNull), tokens);
    }

    /** Text as a model streams it: one chunk per 1 to 3 tokens. */
    List<SseStep> of(String text, Function<String, ObjectNode> delta) {
      List<SseStep> steps = new ArrayList<>();
      for (Tokenizer.Piece piece : Tokenizer.pieces(text, random)) {
        steps.add(send(delta.apply(piece.text()), piece.tokens()));
      }
      return steps;
    }
  }
}
