package dev.switchboard.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.sim.CompletionJson.Envelope;
import dev.switchboard.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

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

  static List<Step> of(Envelope envelope, Answer answer, SimRequest request, SplittableRandom random) {
    boolean usageDue =
        request.includeUsage() && !(request.fault().orElse(null) instanceof Fault.NoUsage);
    Step role = send(envelope, CompletionJson.roleDelta(), usageDue);
    List<Step> body = body(envelope, answer, random, usageDue);
    List<Step> tail = new ArrayList<>();
    String finish = CompletionJson.chunk(envelope, Json.object(), answer.finishReason(), usageDue);
    tail.add(new Step.Send(finish, 0));
    if (usageDue) {
      tail.add(new Step.Send(CompletionJson.usageChunk(envelope, answer.usage()), 0));
    }
    tail.add(new Step.Send("[DONE]", 0));
    return shape(request.fault(), role, body, tail);
  }

  private static List<Step> shape(Optional<Fault> fault, Step role, List<Step> body, List<Step> tail) {
    List<Step> steps = new ArrayList<>();
    steps.add(role);
    switch (fault.orElse(null)) {
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

  private static List<Step> body(Envelope envelope, Answer answer, SplittableRandom random, boolean usageDue) {
    List<Step> steps = new ArrayList<>();
    for (Tokenizer.Piece piece : Tokenizer.pieces(answer.reasoning(), random)) {
      steps.add(send(envelope, CompletionJson.reasoningDelta(piece.text()), usageDue, piece.tokens()));
    }
    if (answer.toolCall().isPresent()) {
      Answer.ToolCall call = answer.toolCall().get();
      steps.add(send(envelope, CompletionJson.toolStartDelta(call), usageDue, 1));
      for (Tokenizer.Piece piece : Tokenizer.pieces(call.arguments(), random)) {
        steps.add(send(envelope, CompletionJson.toolArgumentsDelta(piece.text()), usageDue, piece.tokens()));
      }
    }
    for (Tokenizer.Piece piece : Tokenizer.pieces(answer.content(), random)) {
      steps.add(send(envelope, CompletionJson.contentDelta(piece.text()), usageDue, piece.tokens()));
    }
    return steps;
  }

  private static Step send(Envelope envelope, ObjectNode delta, boolean usageNull) {
    return send(envelope, delta, usageNull, 0);
  }

  private static Step send(Envelope envelope, ObjectNode delta, boolean usageNull, int tokens) {
    return new Step.Send(CompletionJson.chunk(envelope, delta, null, usageNull), tokens);
  }

  private static List<Step> first(List<Step> steps, int n) {
    return steps.subList(0, Math.min(n, steps.size()));
  }
}
