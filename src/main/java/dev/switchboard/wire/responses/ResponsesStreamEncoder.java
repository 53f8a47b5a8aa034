package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.SseSink;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.responses.ResponsesOpenItem.Kind;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Writes canonical events as the Responses API's typed events: response.created and in_progress,
 * then per output item its added event, content or summary part, deltas and done events, and
 * finally response.completed (or incomplete) with the output and the settled usage; every event
 * numbered by sequence_number from 0. A freeform tool's wrapped arguments are gathered and sent as
 * one custom_tool_call_input delta of the raw input when the call is complete.
 */
final class ResponsesStreamEncoder implements StreamEncoder {
  private final ChatRequest request;
  private final ResponsesToolNames names;
  private final ArrayNode output = Json.array();
  private String id = "resp_gateway";
  private String model;
  private long created = Instant.now().getEpochSecond();
  private long sequence;
  private boolean started;
  private @Nullable ResponsesOpenItem open;
  private Finish finish = Finish.of(FinishReason.STOP, "");

  ResponsesStreamEncoder(ChatRequest request) {
    this.request = request;
    this.model = request.model();
    this.names = ResponsesToolNames.of(request);
  }

  @Override
  public void identify(String id, long created, String model) {
    this.id = ResponsesResponseCodec.responseId(id);
    this.created = created;
    this.model = model;
  }

  @Override
  public void encode(ChatEvent event, SseSink out) {
    switch (event) {
      case ChatEvent.Started s -> start(out);
      case ChatEvent.TextDelta t -> {
        ResponsesOpenItem item = item(t.block(), Kind.MESSAGE, "", "", out);
        item.text.append(t.text());
        emit(out, part(item, "response.output_text.delta").put("delta", t.text()), "logprobs");
      }
      case ChatEvent.ReasoningDelta r -> {
        ResponsesOpenItem item = item(r.block(), Kind.REASONING, "", "", out);
        openSummary(item, out);
        item.text.append(r.text());
        emit(out, summary(item, "response.reasoning_summary_text.delta").put("delta", r.text()));
      }
      case ChatEvent.ReasoningSignature s ->
          item(s.block(), Kind.REASONING, "", "", out).encrypted = s.signature();
      case ChatEvent.RedactedReasoning r ->
          item(r.block(), Kind.REASONING, "", "", out).encrypted =
              ResponsesReasoning.REDACTED + r.data();
      case ChatEvent.ToolCallStarted call -> {
        Kind kind = names.isFreeform(call.name()) ? Kind.CUSTOM_TOOL_CALL : Kind.FUNCTION_CALL;
        item(call.block(), kind, call.id(), call.name(), out);
      }
      case ChatEvent.ToolArgumentsDelta args -> arguments(args, out);
      case ChatEvent.BlockStopped stopped -> {
        if (open != null && open.block == stopped.block()) {
          close(out);
        }
      }
      case ChatEvent.UsageReported ignored -> {
        // The settled usage goes out once, in complete().
      }
      case ChatEvent.Finished finished -> {
        close(out);
        finish = finished.finish();
      }
    }
  }

  private void arguments(ChatEvent.ToolArgumentsDelta args, SseSink out) {
    ResponsesOpenItem item = item(args.block(), Kind.FUNCTION_CALL, "", "", out);
    item.text.append(args.jsonFragment());
    if (item.kind == Kind.FUNCTION_CALL) {
      emit(
          out,
          itemEvent(item, "response.function_call_arguments.delta")
              .put("delta", args.jsonFragment()));
    }
  }

  @Override
  public void complete(Usage usage, SseSink out) {
    start(out);
    close(out);
    ObjectNode response = envelope(ResponsesItems.COMPLETED);
    ResponsesEnvelope.finish(response, finish);
    response.set("output", output);
    response.set("usage", ResponsesUsage.encode(usage));
    String type =
        response.path("status").asText().equals("incomplete")
            ? "response.incomplete"
            : "response.completed";
    emit(out, event(type).set("response", response));
  }

  /**
   * An error event (code, message, param), then response.failed with the error in the response: the
   * first is what SDKs raise, the second what Codex reads.
   */
  @Override
  public void fail(GatewayError error, SseSink out) {
    start(out);
    ObjectNode event =
        event("error").put("code", error.kind().code()).put("message", error.safeMessage());
    error.param().ifPresentOrElse(p -> event.put("param", p), () -> event.putNull("param"));
    emit(out, event);
    ObjectNode response = envelope("failed");
    response.set("output", output);
    response
        .putObject("error")
        .put("code", error.kind().code())
        .put("message", error.safeMessage());
    emit(out, event("response.failed").set("response", response));
  }

  private void start(SseSink out) {
    if (!started) {
      started = true;
      emit(out, event("response.created").set("response", envelope(ResponsesItems.IN_PROGRESS)));
      emit(
          out, event("response.in_progress").set("response", envelope(ResponsesItems.IN_PROGRESS)));
    }
  }

  /** The open item of {@code block}, opening it (and closing the one before) on its first event. */
  private ResponsesOpenItem item(int block, Kind kind, String callId, String name, SseSink out) {
    if (open != null && open.block == block) {
      return open;
    }
    start(out);
    close(out);
    int index = output.size();
    String prefix =
        switch (kind) {
          case MESSAGE -> "msg";
          case REASONING -> "rs";
          case FUNCTION_CALL -> "fc";
          case CUSTOM_TOOL_CALL -> "ctc";
        };
    ResponsesOpenItem item =
        new ResponsesOpenItem(
            block, index, ResponsesItems.id(prefix, id, index), kind, callId, name);
    open = item;
    emit(
        out,
        event("response.output_item.added")
            .put("output_index", index)
            .set("item", item.item(ResponsesItems.IN_PROGRESS, names)));
    if (kind == Kind.MESSAGE) {
      emit(
          out,
          part(item, "response.content_part.added").set("part", ResponsesItems.outputText("")));
    }
    return item;
  }

  private void openSummary(ResponsesOpenItem item, SseSink out) {
    if (!item.summaryOpened) {
      item.summaryOpened = true;
      emit(
          out, summary(item, "response.reasoning_summary_part.added").set("part", summaryPart("")));
    }
  }

  /** Writes the open item's done events and adds it to the output. */
  private void close(SseSink out) {
    ResponsesOpenItem item = open;
    if (item == null) {
      return;
    }
    open = null;
    String text = item.text.toString();
    switch (item.kind) {
      case MESSAGE -> {
        emit(out, part(item, "response.output_text.done").put("text", text), "logprobs");
        emit(
            out,
            part(item, "response.content_part.done").set("part", ResponsesItems.outputText(text)));
      }
      case REASONING -> {
        if (item.summaryOpened) {
          emit(out, summary(item, "response.reasoning_summary_text.done").put("text", text));
          emit(
              out,
              summary(item, "response.reasoning_summary_part.done").set("part", summaryPart(text)));
        }
      }
      case FUNCTION_CALL ->
          emit(
              out, itemEvent(item, "response.function_call_arguments.done").put("arguments", text));
      case CUSTOM_TOOL_CALL -> {
        String input = item.input();
        emit(out, itemEvent(item, "response.custom_tool_call_input.delta").put("delta", input));
        emit(out, itemEvent(item, "response.custom_tool_call_input.done").put("input", input));
      }
    }
    ObjectNode done = item.item(ResponsesItems.COMPLETED, names);
    output.add(done);
    emit(
        out,
        event("response.output_item.done").put("output_index", item.outputIndex).set("item", done));
  }

  private ObjectNode envelope(String status) {
    return ResponsesEnvelope.of(id, created, model, status, request);
  }

  private static ObjectNode summaryPart(String text) {
    return Json.object().put("type", "summary_text").put("text", text);
  }

  /** An event of {@code type}; {@link #emit} numbers it, so numbers follow the wire's order. */
  private ObjectNode event(String type) {
    return Json.object().put("type", type);
  }

  private ObjectNode itemEvent(ResponsesOpenItem item, String type) {
    return event(type).put("item_id", item.id).put("output_index", item.outputIndex);
  }

  private ObjectNode part(ResponsesOpenItem item, String type) {
    return itemEvent(item, type).put("content_index", 0);
  }

  private ObjectNode summary(ResponsesOpenItem item, String type) {
    return itemEvent(item, type).put("summary_index", 0);
  }

  private void emit(SseSink out, ObjectNode event, String... emptyArrays) {
    for (String field : emptyArrays) {
      event.putArray(field);
    }
    event.put("sequence_number", sequence++);
    out.event(new SseEvent(event.path("type").asText(), Json.string(event)));
  }
}
