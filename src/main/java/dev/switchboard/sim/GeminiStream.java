package dev.switchboard.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.sim.CompletionJson.Envelope;
import dev.switchboard.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A streamed Gemini answer ({@code alt=sse}): data-only events, each a whole response object with
 * the usage counted so far; thought chunks (when shown), then text chunks or one functionCall
 * chunk, then a last chunk with finishReason and the full usage. There is no end marker: the
 * finishReason is the terminal event. Hidden thoughts still take their time before the first chunk.
 * The in-band error is a {@code {"error":{...}}} event.
 */
final class GeminiStream {
  private static final FaultShape.Frames FRAMES =
      new FaultShape.Frames(
          SseStep.data(GeminiJson.error(GeminiJson.statusError(500)), 0),
          SseStep.data("{not json", 0));

  private GeminiStream() {}

  static List<SseStep> of(
      Envelope envelope, Answer answer, SimRequest request, SplittableRandom random) {
    @Nullable Fault fault = request.fault().orElse(null);
    Answer.TokenUsage usage = answer.usage();
    Chunks chunks = new Chunks(envelope, fault instanceof Fault.NoUsage ? null : usage);
    boolean shown = request.reasoning().shown() && !answer.reasoning().isEmpty();
    if (shown) {
      for (Tokenizer.Piece piece : Tokenizer.pieces(answer.reasoning(), random)) {
        chunks.add(GeminiJson.thought(piece.text()), piece.tokens());
      }
    } else {
      chunks.hideThoughts(usage.reasoning());
    }
    // The first part after shown thoughts carries their signature.
    String signature = shown ? ThoughtSignature.of(envelope.id(), answer.reasoning()) : "";
    for (Tokenizer.Piece piece : Tokenizer.pieces(answer.content(), random)) {
      ObjectNode part = Json.object().put("text", piece.text());
      chunks.add(signed(part, signature), piece.tokens());
      signature = "";
    }
    String lastSignature = signature;
    answer
        .toolCall()
        .ifPresent(
            call ->
                chunks.add(
                    signed(GeminiJson.functionCall(call), lastSignature),
                    Tokenizer.count(call.arguments())));
    List<SseStep> body = chunks.steps;
    List<SseStep> head = body.isEmpty() ? List.of() : List.of(body.getFirst());
    List<SseStep> rest = body.isEmpty() ? List.of() : body.subList(1, body.size());
    GeminiJson.Output all =
        new GeminiJson.Output(usage.completion() - usage.reasoning(), usage.reasoning());
    ObjectNode last =
        GeminiJson.chunk(
            envelope,
            List.of(Json.object().put("text", "")),
            GeminiJson.finishReason(answer),
            chunks.usage,
            all);
    List<SseStep> tail = List.of(SseStep.data(Json.string(last), chunks.pendingThoughts));
    return FaultShape.shape(fault, new FaultShape.Script(head, rest, tail), FRAMES);
  }

  private static ObjectNode signed(ObjectNode part, String signature) {
    return signature.isEmpty() ? part : part.put("thoughtSignature", signature);
  }

  /** Chunks with running output counts. */
  private static final class Chunks {
    private final Envelope envelope;
    private final Answer.@Nullable TokenUsage usage;
    private final List<SseStep> steps = new ArrayList<>();
    private int candidates;
    private int thoughts;
    private int pendingThoughts;

    Chunks(Envelope envelope, Answer.@Nullable TokenUsage usage) {
      this.envelope = envelope;
      this.usage = usage;
    }

    /** Thinking the caller does not see: counted from the first chunk, paced before it. */
    void hideThoughts(int tokens) {
      thoughts = tokens;
      pendingThoughts = tokens;
    }

    /** One chunk carrying {@code part}, which adds {@code tokens} to the output so far. */
    void add(ObjectNode part, int tokens) {
      if (part.path("thought").asBoolean(false)) {
        thoughts += tokens;
      } else {
        candidates += tokens;
      }
      GeminiJson.Output output = new GeminiJson.Output(candidates, thoughts);
      ObjectNode chunk = GeminiJson.chunk(envelope, List.of(part), null, usage, output);
      steps.add(SseStep.data(Json.string(chunk), tokens + pendingThoughts));
      pendingThoughts = 0;
    }
  }
}
