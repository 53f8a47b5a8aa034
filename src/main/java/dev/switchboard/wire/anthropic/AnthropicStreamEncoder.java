package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.SseSink;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.Usage;
import java.util.Optional;

/**
 * Writes canonical events as a Messages event stream, the way Anthropic does: message_start, each
 * block as content_block_start, deltas and content_block_stop (numbered from 0 in order), then,
 * once the request is settled, message_delta with the stop reason and the final usage, and
 * message_stop. message_start waits for the first block, so that usage reported at the upstream's
 * start is in it.
 */
final class AnthropicStreamEncoder implements StreamEncoder {
  private String id = "msg_gateway";
  private String model;
  private Optional<Usage> usage = Optional.empty();
  private Optional<Finish> finish = Optional.empty();
  private boolean started;
  private boolean open;
  private int openBlock = -1;
  private int nextIndex;

  AnthropicStreamEncoder(String model) {
    this.model = model;
  }

  @Override
  public void identify(String id, long created, String model) {
    this.id = AnthropicResponseCodec.messageId(id);
    this.model = model;
  }

  @Override
  public void encode(ChatEvent event, SseSink out) {
    switch (event) {
      case ChatEvent.Started ignored -> {
        // The identity comes from identify(); message_start goes out with the first block.
      }
      case ChatEvent.TextDelta text -> {
        if (!opened(text.block())) {
          open(text.block(), Json.object().put("type", "text").put("text", ""), out);
        }
        textDelta(text.text(), out);
      }
      case ChatEvent.ReasoningDelta reasoning -> {
        open(reasoning.block(), thinkingBlock(), out);
        delta(Json.object().put("type", "thinking_delta").put("thinking", reasoning.text()), out);
      }
      case ChatEvent.ReasoningSignature signature -> {
        open(signature.block(), thinkingBlock(), out);
        delta(
            Json.object().put("type", "signature_delta").put("signature", signature.signature()),
            out);
      }
      case ChatEvent.RedactedReasoning redacted ->
          open(
              redacted.block(),
              Json.object().put("type", "redacted_thinking").put("data", redacted.data()),
              out);
      case ChatEvent.ToolCallStarted call -> {
        ObjectNode block =
            Json.object().put("type", "tool_use").put("id", call.id()).put("name", call.name());
        block.putObject("input");
        open(call.block(), block, out);
      }
      case ChatEvent.ToolArgumentsDelta args -> {
        // Arguments belong to the tool call opened before them; stray ones have no block.
        if (open && openBlock == args.block()) {
          delta(
              Json.object()
                  .put("type", "input_json_delta")
                  .put("partial_json", args.jsonFragment()),
              out);
        }
      }
      case ChatEvent.BlockStopped stopped -> {
        if (open && openBlock == stopped.block()) {
          close(out);
        }
      }
      case ChatEvent.UsageReported reported -> usage = Optional.of(reported.usage());
      case ChatEvent.Finished finished -> {
        finish = Optional.of(finished.finish());
        close(out);
      }
    }
  }

  @Override
  public void complete(Usage settled, SseSink out) {
    start(out);
    close(out);
    ObjectNode root = Json.object().put("type", "message_delta");
    ObjectNode delta = root.putObject("delta");
    finish.ifPresentOrElse(
        f -> delta.put("stop_reason", AnthropicStopReasons.encode(f)),
        () -> delta.putNull("stop_reason"));
    finish
        .flatMap(Finish::stopSequence)
        .ifPresentOrElse(
            sequence -> delta.put("stop_sequence", sequence), () -> delta.putNull("stop_sequence"));
    root.set("usage", AnthropicUsage.encode(settled));
    emit(root, out);
    emit(Json.object().put("type", "message_stop"), out);
  }

  /** An in-band error event; never a clean message_stop after it. */
  @Override
  public void fail(GatewayError error, SseSink out) {
    emit(AnthropicErrors.envelope(error), out);
  }

  private static ObjectNode thinkingBlock() {
    return Json.object().put("type", "thinking").put("thinking", "").put("signature", "");
  }

  private void start(SseSink out) {
    if (started) {
      return;
    }
    started = true;
    ObjectNode root = Json.object().put("type", "message_start");
    ObjectNode message =
        root.putObject("message")
            .put("id", id)
            .put("type", "message")
            .put("role", "assistant")
            .put("model", model);
    message.putArray("content");
    message.putNull("stop_reason").putNull("stop_sequence");
    message.set(
        "usage",
        usage
            .map(AnthropicUsage::encode)
            .orElseGet(() -> Json.object().put("input_tokens", 0).put("output_tokens", 0)));
    emit(root, out);
  }

  /** Opens the block of canonical number {@code block} unless it is the open one. */
  private void open(int block, ObjectNode contentBlock, SseSink out) {
    start(out);
    if (open && openBlock == block) {
      return;
    }
    close(out);
    ObjectNode root = Json.object().put("type", "content_block_start").put("index", nextIndex);
    root.set("content_block", contentBlock);
    emit(root, out);
    open = true;
    openBlock = block;
  }

  /** Whether the block of canonical number {@code block} is the open one (after message_start). */
  private boolean opened(int block) {
    return started && open && openBlock == block;
  }

  /**
   * A text delta, the most frequent event: written as {@link #delta} would write it (same fields,
   * order and escaping), without a tree.
   */
  private void textDelta(String text, SseSink out) {
    StringBuilder json = new StringBuilder(text.length() + 96);
    json.append("{\"type\":\"content_block_delta\",\"index\":").append(nextIndex);
    json.append(",\"delta\":{\"type\":\"text_delta\",\"text\":\"");
    JsonStringEncoder.getInstance().quoteAsString(text, json);
    out.event(new SseEvent("content_block_delta", json.append("\"}}").toString()));
  }

  private void delta(ObjectNode delta, SseSink out) {
    ObjectNode root = Json.object().put("type", "content_block_delta").put("index", nextIndex);
    root.set("delta", delta);
    emit(root, out);
  }

  private void close(SseSink out) {
    if (open) {
      emit(Json.object().put("type", "content_block_stop").put("index", nextIndex), out);
      open = false;
      nextIndex++;
    }
  }

  private static void emit(ObjectNode data, SseSink out) {
    out.event(new SseEvent(data.get("type").asText(), Json.string(data)));
  }
}
