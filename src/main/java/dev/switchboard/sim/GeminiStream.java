package dev.switchboard.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A streamed Gemini answer ({@code alt=sse}): data-only events, each a whole response object with
 * the usage counted so far; thought chunks (when shown), then text chunks or one functionCall
 * chunk, the last of them also carrying finishReason and the full usage. There is no end marker:
 * the finishReason is the terminal event, so a fault that drops the tail drops the last part too.
 * Hidden thoughts still take their time before the first chunk. The in-band error is a {@code
 * {"error":{...}}} event.
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
    List<Part> parts = new ArrayList<>();
    boolean shown = request.reasoning().shown() && !answer.reasoning().isEmpty();
    if (shown) {
      for (Tokenizer.Piece piece : Tokenizer.pieces(answer.reasoning(), random)) {
        parts.add(new Part(GeminiJson.thought(piece.text()), piece.tokens()));
      }
    }
    // The first part after shown thoughts carries their signature.
    String signature = shown ? ThoughtSignature.of(envelope.id(), answer.reasoning()) : "";
    for (Tokenizer.Piece piece : Tokenizer.pieces(answer.content(), random)) {
      parts.add(
          new Part(signed(Json.object().put("text", piece.text()), signature), piece.tokens()));
      signature = "";
    }
    if (answer.toolCall().isPresent()) {
      Answer.ToolCall call = answer.toolCall().get();
      parts.add(
          new Part(
              signed(GeminiJson.functionCall(call), signature), Tokenizer.count(call.arguments())));
    }
    // As the real stream does, the last part arrives together with the finish reason.
    Part last = parts.isEmpty() ? new Part(Json.object().put("text", ""), 0) : parts.removeLast();
    Chunks chunks =
        new Chunks(
            envelope, fault instanceof Fault.NoUsage ? null : usage, shown ? 0 : usage.reasoning());
    List<SseStep> body = new ArrayList<>();
    for (Part part : parts) {
      body.add(chunks.next(part, null));
    }
    List<SseStep> tail = List.of(chunks.next(last, GeminiJson.finishReason(answer)));
    List<SseStep> head = body.isEmpty() ? List.of() : List.of(body.removeFirst());
    return FaultShape.shape(fault, new FaultShape.Script(head, body, tail), FRAMES);
  }

  private static ObjectNode signed(ObjectNode part, String signature) {
    return signature.isEmpty() ? part : part.put("thoughtSignature", signature);
  }

  /** One part of the answer and the output tokens it carries. */
  private record Part(ObjectNode json, int tokens) {}

  /** Renders parts as chunks with the output counted so far. */
  private static final class Chunks {
    private final Envelope envelope;
    private final Answer.@Nullable TokenUsage usage;
    private int candidates;
    private int thoughts;
    private int pendingThoughts;

    /** {@code hiddenThoughts}: thinking the caller does not see, counted from the first chunk. */
    Chunks(Envelope envelope, Answer.@Nullable TokenUsage usage, int hiddenThoughts) {
      this.envelope = envelope;
      this.usage = usage;
      this.thoughts = hiddenThoughts;
      this.pendingThoughts = hiddenThoughts;
    }

    /** The chunk carrying {@code part}; pacing charges its tokens and any unseen thinking. */
    SseStep next(Part part, @Nullable String finishReason) {
      if (part.json().path("thought").asBoolean(false)) {
        thoughts += part.tokens();
      } else {
        candidates += part.tokens();
      }
      GeminiJson.Output output = new GeminiJson.Output(candidates, thoughts);
      ObjectNode chunk =
          GeminiJson.chunk(envelope, List.of(part.json()), finishReason, usage, output);
      SseStep step = SseStep.data(Json.string(chunk), part.tokens() + pendingThoughts);
      pendingThoughts = 0;
      return step;
    }
  }
}
