package dev.switchboard.wire.responses;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.Freeform;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.WireException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decodes the Responses API's typed events into canonical events. Each output item is a block (each
 * content part of a message is one), numbered in order of appearance; a custom tool call's raw
 * input is wrapped as the canonical model carries freeform calls, a reasoning item's
 * encrypted_content becomes its signature (or its redacted block). The stream is complete at
 * response.completed or response.incomplete; response.failed and error events are errors.
 */
final class ResponsesStreamDecoder implements StreamDecoder {
  private static final String INPUT_OPEN = "{\"" + Freeform.ARGUMENT + "\":\"";

  private final Map<String, Integer> blocks = new HashMap<>();
  private final Set<Integer> written = new HashSet<>();
  private final Map<Integer, Integer> summaryIndexes = new HashMap<>();
  private boolean started;
  private boolean finished;
  private boolean calledTools;

  @Override
  public void decode(SseEvent event, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    if (event.data().isBlank() || event.data().equals("[DONE]")) {
      return;
    }
    JsonNode data = Json.tree(event.data());
    String type = data.path("type").asText(event.event());
    switch (type) {
      case "response.created", "response.in_progress", "response.queued" -> start(data, out);
      case "response.output_item.added" -> added(data.path("item"), data, out);
      case "response.output_text.delta", "response.refusal.delta" ->
          text(data, data.path("delta").asText(""), out);
      case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
          reasoning(data, out);
      case "response.function_call_arguments.delta" ->
          arguments(block(data), data.path("delta").asText(""), out);
      case "response.custom_tool_call_input.delta" ->
          arguments(block(data), escaped(data.path("delta").asText("")), out);
      case "response.output_item.done" -> done(data.path("item"), data, out);
      case "response.completed", "response.incomplete" -> complete(data.path("response"), out);
      case "response.failed" -> throw failure(data.path("response").path("error"));
      case "error" -> throw failure(data.has("error") ? data.get("error") : data);
      default -> {
        // Part boundaries, .done events repeating the deltas, annotations: nothing new.
      }
    }
  }

  private void start(JsonNode data, Consumer<ChatEvent> out) {
    if (!started) {
      started = true;
      JsonNode response = data.path("response");
      out.accept(
          new ChatEvent.Started(
              response.path("id").asText(""),
              response.path("created_at").asLong(0),
              response.path("model").asText("")));
    }
  }

  private void added(JsonNode item, JsonNode data, Consumer<ChatEvent> out) {
    start(data, out);
    String type = item.path("type").asText("");
    if (!type.equals("function_call") && !type.equals("custom_tool_call")) {
      return;
    }
    int block = block(data);
    calledTools = true;
    out.accept(
        new ChatEvent.ToolCallStarted(
            block, item.path("call_id").asText(""), item.path("name").asText("")));
    if (type.equals("custom_tool_call")) {
      out.accept(new ChatEvent.ToolArgumentsDelta(block, INPUT_OPEN));
    }
  }

  private void text(JsonNode data, String delta, Consumer<ChatEvent> out) {
    String part = key(data) + ":" + data.path("content_index").asInt(0);
    int block = blocks.computeIfAbsent(part, k -> blocks.size());
    written.add(block);
    out.accept(new ChatEvent.TextDelta(block, delta));
  }

  /** Summary parts are paragraphs: a new part after the first begins with a blank line. */
  private void reasoning(JsonNode data, Consumer<ChatEvent> out) {
    int block = block(data);
    int part = data.path("summary_index").asInt(0);
    Integer last = summaryIndexes.put(block, part);
    if (last != null && last != part) {
      out.accept(new ChatEvent.ReasoningDelta(block, "\n\n"));
    }
    written.add(block);
    out.accept(new ChatEvent.ReasoningDelta(block, data.path("delta").asText("")));
  }

  private void arguments(int block, String fragment, Consumer<ChatEvent> out) {
    written.add(block);
    out.accept(new ChatEvent.ToolArgumentsDelta(block, fragment));
  }

  /** An item complete: what only its done event carries (a proof, arguments never streamed). */
  private void done(JsonNode item, JsonNode data, Consumer<ChatEvent> out) {
    String type = item.path("type").asText("");
    switch (type) {
      case "reasoning" -> {
        String encrypted = item.path("encrypted_content").asText("");
        if (encrypted.isEmpty()) {
          break;
        }
        int block = block(data);
        if (encrypted.startsWith(ResponsesReasoning.REDACTED)) {
          out.accept(
              new ChatEvent.RedactedReasoning(
                  block, encrypted.substring(ResponsesReasoning.REDACTED.length())));
        } else {
          out.accept(new ChatEvent.ReasoningSignature(block, encrypted));
        }
        out.accept(new ChatEvent.BlockStopped(block));
      }
      case "function_call", "custom_tool_call" -> {
        int block = block(data);
        boolean custom = type.equals("custom_tool_call");
        if (!written.contains(block)) {
          String whole = custom ? item.path("input").asText("") : item.path("arguments").asText("");
          arguments(block, custom ? escaped(whole) : whole, out);
        }
        if (custom) {
          out.accept(new ChatEvent.ToolArgumentsDelta(block, "\"}"));
        }
        out.accept(new ChatEvent.BlockStopped(block));
      }
      default -> {
        // A message's parts closed with their last delta.
      }
    }
  }

  private void complete(JsonNode response, Consumer<ChatEvent> out) {
    if (!started) {
      start(Json.object().set("response", response), out);
    }
    ResponsesUsage.decode(response.path("usage"))
        .ifPresent(usage -> out.accept(new ChatEvent.UsageReported(usage)));
    finished = true;
    out.accept(new ChatEvent.Finished(ResponsesEnvelope.finishOf(response, calledTools)));
  }

  private int block(JsonNode data) {
    return blocks.computeIfAbsent(key(data), k -> blocks.size());
  }

  /** An item's key: its output_index, else its id. */
  private static String key(JsonNode data) {
    return data.has("output_index")
        ? "o" + data.get("output_index").asInt()
        : "i" + data.path("item_id").asText("");
  }

  private static String escaped(String raw) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(raw));
  }

  private static UpstreamStreamError failure(JsonNode error) {
    String code = error.path("code").asText("");
    String message = error.path("message").asText("");
    return new UpstreamStreamError(
        new UpstreamFailure(
            UpstreamFailure.Retry.RETRYABLE,
            ErrorKind.UPSTREAM_FAILED,
            200,
            Optional.empty(),
            "error event in stream" + (code.isEmpty() ? "" : " (" + code + ")") + ": " + message));
  }

  @Override
  public void finish(Consumer<ChatEvent> out) throws StreamTruncated {
    if (!finished) {
      throw new StreamTruncated(
          started
              ? "the provider's stream ended before the answer was complete"
              : "the provider's stream ended before any event");
    }
  }
}
