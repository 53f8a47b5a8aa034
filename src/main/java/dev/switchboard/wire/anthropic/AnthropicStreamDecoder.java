package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.WireException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decodes a Messages event stream. The answer is complete only at message_stop after a
 * message_delta named its stop reason; a stream that lacks either was cut. Usage is reported at
 * message_start (the input so far) and at message_delta (cumulative: its counts replace the start's
 * where it repeats them). Blocks Anthropic runs itself (server tool use and results) have no
 * canonical event and are skipped here; a same-format relay passes them on.
 */
final class AnthropicStreamDecoder implements StreamDecoder {
  private final Set<Integer> toolBlocks = new HashSet<>(4);
  private final ObjectNode usage = Json.object();
  private boolean started;
  private boolean finished;
  private Optional<Finish> finish = Optional.empty();
  private JsonNode last = MissingNode.getInstance();

  @Override
  public void decode(SseEvent event, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    JsonNode data;
    try {
      data = Json.tree(event.data());
    } catch (WireException e) {
      throw new WireException("malformed stream event: " + e.getMessage(), e);
    }
    last = data;
    String type = data.path("type").asText(event.event());
    switch (type) {
      case "message_start" -> messageStart(data.path("message"), out);
      case "content_block_start" ->
          blockStart(data.path("index").asInt(), data.path("content_block"), out);
      case "content_block_delta" -> delta(data.path("index").asInt(), data.path("delta"), out);
      case "content_block_stop" ->
          out.accept(new ChatEvent.BlockStopped(data.path("index").asInt()));
      case "message_delta" -> {
        finish = Optional.of(AnthropicResponseCodec.finish(data.path("delta")));
        reportUsage(data.path("usage"), out);
      }
      case "message_stop" -> {
        if (finish.isPresent() && !finished) {
          finished = true;
          out.accept(new ChatEvent.Finished(finish.get()));
        }
      }
      case "error" ->
          throw new UpstreamStreamError(AnthropicErrors.streamFailure(data.path("error")));
      default -> {
        // ping, and event types newer than this decoder.
      }
    }
  }

  /** The event the last {@link #decode} parsed. */
  JsonNode lastEvent() {
    return last;
  }

  @Override
  public void finish(Consumer<ChatEvent> out) throws StreamTruncated {
    if (!finished) {
      throw new StreamTruncated(
          !started
              ? "the provider's stream ended before any event"
              : finish.isPresent()
                  ? "the provider's stream ended without message_stop"
                  : "the provider's stream ended before the answer was complete");
    }
  }

  private void messageStart(JsonNode message, Consumer<ChatEvent> out) {
    if (!started) {
      started = true;
      out.accept(
          new ChatEvent.Started(
              message.path("id").asText(""), 0, message.path("model").asText("")));
    }
    reportUsage(message.path("usage"), out);
  }

  private void blockStart(int index, JsonNode block, Consumer<ChatEvent> out) {
    switch (block.path("type").asText("")) {
      case "text" -> text(index, block.path("text").asText(""), out);
      case "thinking" -> {
        reasoning(index, block.path("thinking").asText(""), out);
        signature(index, block.path("signature").asText(""), out);
      }
      case "redacted_thinking" ->
          out.accept(new ChatEvent.RedactedReasoning(index, block.path("data").asText("")));
      case "tool_use" -> {
        toolBlocks.add(index);
        out.accept(
            new ChatEvent.ToolCallStarted(
                index, block.path("id").asText(""), block.path("name").asText("")));
        JsonNode input = block.path("input");
        if (input.isObject() && !input.isEmpty()) {
          out.accept(new ChatEvent.ToolArgumentsDelta(index, Json.string(input)));
        }
      }
      default -> {
        // Server tool blocks: Anthropic's own, with no canonical form.
      }
    }
  }

  private void delta(int index, JsonNode delta, Consumer<ChatEvent> out) {
    switch (delta.path("type").asText("")) {
      case "text_delta" -> text(index, delta.path("text").asText(""), out);
      case "thinking_delta" -> reasoning(index, delta.path("thinking").asText(""), out);
      case "signature_delta" -> signature(index, delta.path("signature").asText(""), out);
      case "input_json_delta" -> {
        String fragment = delta.path("partial_json").asText("");
        if (toolBlocks.contains(index) && !fragment.isEmpty()) {
          out.accept(new ChatEvent.ToolArgumentsDelta(index, fragment));
        }
      }
      default -> {
        // citations_delta and newer kinds.
      }
    }
  }

  private static void text(int index, String text, Consumer<ChatEvent> out) {
    if (!text.isEmpty()) {
      out.accept(new ChatEvent.TextDelta(index, text));
    }
  }

  private static void reasoning(int index, String text, Consumer<ChatEvent> out) {
    if (!text.isEmpty()) {
      out.accept(new ChatEvent.ReasoningDelta(index, text));
    }
  }

  private static void signature(int index, String signature, Consumer<ChatEvent> out) {
    if (!signature.isEmpty()) {
      out.accept(new ChatEvent.ReasoningSignature(index, signature));
    }
  }

  private void reportUsage(JsonNode reported, Consumer<ChatEvent> out) {
    if (!reported.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : reported.properties()) {
      if (!field.getValue().isNull()) {
        usage.set(field.getKey(), field.getValue());
      }
    }
    AnthropicUsage.decode(usage).ifPresent(u -> out.accept(new ChatEvent.UsageReported(u)));
  }
}
