package dev.switchboard.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The event sequence of a streamed Anthropic message: message_start (usage with the input tokens),
 * ping, then per content block content_block_start, its deltas (thinking_delta then
 * signature_delta, text_delta, or input_json_delta) and content_block_stop, then message_delta
 * (stop reason, output tokens) and message_stop; reshaped by the request's fault, whose in-band
 * error is an {@code event: error} with an overloaded_error.
 */
final class AnthropicEvents {
  private static final FaultShape.Frames FRAMES =
      new FaultShape.Frames(
          SseStep.event("error", AnthropicJson.error(AnthropicJson.statusError(529)), 0),
          SseStep.event("content_block_delta", "{not json", 0));

  private AnthropicEvents() {}

  static List<SseStep> of(
      Envelope envelope, Answer answer, SimRequest request, SplittableRandom random) {
    @Nullable Fault fault = request.fault().orElse(null);
    ObjectNode start = Json.object().put("type", "message_start");
    start.set("message", AnthropicJson.started(envelope, answer.usage()));
    List<SseStep> head = List.of(send("message_start", start, 0));
    Blocks blocks = new Blocks(random);
    if (!answer.reasoning().isEmpty()) {
      String signature = ThoughtSignature.of(envelope.id(), answer.reasoning());
      blocks.add(
          typed("thinking").put("thinking", "").put("signature", ""),
          answer.reasoning(),
          text -> typed("thinking_delta").put("thinking", text),
          typed("signature_delta").put("signature", signature));
    }
    if (!answer.content().isEmpty()) {
      blocks.add(
          typed("text").put("text", ""),
          answer.content(),
          text -> typed("text_delta").put("text", text),
          null);
    }
    answer
        .toolCall()
        .ifPresent(
            call -> {
              ObjectNode toolUse = typed("tool_use").put("id", AnthropicJson.toolUseId(call));
              toolUse.put("name", call.name()).putObject("input");
              blocks.add(
                  toolUse,
                  call.arguments(),
                  json -> typed("input_json_delta").put("partial_json", json),
                  null);
            });
    // Where Anthropic's documented example has it: after the first content_block_start.
    blocks.steps.add(Math.min(1, blocks.steps.size()), send("ping", typed("ping"), 0));
    return FaultShape.shape(
        fault, new FaultShape.Script(head, blocks.steps, tail(answer, fault)), FRAMES);
  }

  private static List<SseStep> tail(Answer answer, @Nullable Fault fault) {
    ObjectNode messageDelta = typed("message_delta");
    messageDelta
        .putObject("delta")
        .put("stop_reason", AnthropicJson.stopReason(answer))
        .put("stop_sequence", answer.stopSequence().orElse(null));
    if (!(fault instanceof Fault.NoUsage)) {
      // Cumulative, as the API now reports it: the input side again, and all output so far.
      Answer.TokenUsage usage = answer.usage();
      messageDelta
          .putObject("usage")
          .put("input_tokens", usage.uncached())
          .put("cache_creation_input_tokens", usage.cache().written())
          .put("cache_read_input_tokens", usage.cache().read())
          .put("output_tokens", usage.completion());
    }
    return List.of(
        send("message_delta", messageDelta, 0), send("message_stop", typed("message_stop"), 0));
  }

  /** The content blocks' events, indexed in order. */
  private static final class Blocks {
    private final SplittableRandom random;
    private final List<SseStep> steps = new ArrayList<>();
    private int index;

    Blocks(SplittableRandom random) {
      this.random = random;
    }

    void add(
        ObjectNode contentBlock,
        String text,
        Function<String, ObjectNode> delta,
        @Nullable ObjectNode closing) {
      ObjectNode start = indexed("content_block_start");
      start.set("content_block", contentBlock);
      steps.add(send("content_block_start", start, 0));
      for (Tokenizer.Piece piece : Tokenizer.pieces(text, random)) {
        ObjectNode event = indexed("content_block_delta");
        event.set("delta", delta.apply(piece.text()));
        steps.add(send("content_block_delta", event, piece.tokens()));
      }
      if (closing != null) {
        ObjectNode event = indexed("content_block_delta");
        event.set("delta", closing);
        steps.add(send("content_block_delta", event, 0));
      }
      steps.add(send("content_block_stop", indexed("content_block_stop"), 0));
      index++;
    }

    private ObjectNode indexed(String type) {
      return typed(type).put("index", index);
    }
  }

  private static ObjectNode typed(String type) {
    return Json.object().put("type", type);
  }

  private static SseStep send(String event, ObjectNode data, int tokens) {
    return SseStep.event(event, Json.string(data), tokens);
  }
}
