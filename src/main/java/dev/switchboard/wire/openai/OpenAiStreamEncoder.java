package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.SseSink;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.Usage;
import java.time.Instant;

/** Writes canonical events as chat.completion.chunk events, then the usage chunk and [DONE]. */
final class OpenAiStreamEncoder implements StreamEncoder {
  private String id = "chatcmpl-gateway";
  private String model;
  private long created = Instant.now().getEpochSecond();

  OpenAiStreamEncoder(String model) {
    this.model = model;
  }

  @Override
  public void identify(String id, long created, String model) {
    this.id = id;
    this.created = created;
    this.model = model;
  }

  @Override
  public void encode(ChatEvent event, SseSink out) {
    switch (event) {
      case ChatEvent.Started started -> {
        // The identity comes from identify(): the provider's own model name stays upstream.
        ObjectNode delta = Json.object().put("role", "assistant").put("content", "");
        out.event(chunk(0, delta));
      }
      case ChatEvent.TextDelta text ->
          out.event(chunk(text.index(), Json.object().put("content", text.text())));
      case ChatEvent.ReasoningDelta reasoning ->
          out.event(chunk(reasoning.index(), Json.object().put("reasoning", reasoning.text())));
      case ChatEvent.ToolCallStarted call -> {
        ObjectNode item =
            Json.object()
                .put("index", call.toolIndex())
                .put("id", call.id())
                .put("type", "function");
        item.putObject("function").put("name", call.name()).put("arguments", "");
        out.event(chunk(call.index(), toolDelta(item)));
      }
      case ChatEvent.ToolArgumentsDelta args -> {
        ObjectNode item = Json.object().put("index", args.toolIndex());
        item.putObject("function").put("arguments", args.jsonFragment());
        out.event(chunk(args.index(), toolDelta(item)));
      }
      case ChatEvent.Finished finished -> {
        ObjectNode root = base();
        root.putArray("choices")
            .addObject()
            .put("index", finished.index())
            .<ObjectNode>set("delta", Json.object())
            .put("finish_reason", OpenAiFinishReasons.encode(finished.reason()));
        out.event(SseEvent.data(Json.string(root)));
      }
      case ChatEvent.UsageReported ignored -> {
        // Usage goes out once, priced, in complete().
      }
    }
  }

  @Override
  public void complete(Usage usage, SseSink out) {
    ObjectNode root = base();
    root.putArray("choices");
    root.set("usage", OpenAiUsage.encode(usage));
    out.event(SseEvent.data(Json.string(root)));
    out.event(SseEvent.data(OpenAiStreamDecoder.DONE));
  }

  @Override
  public void fail(GatewayError error, SseSink out) {
    ObjectNode root = base();
    root.set("error", OpenAiErrors.errorObject(error));
    root.putArray("choices")
        .addObject()
        .put("index", 0)
        .<ObjectNode>set("delta", Json.object().put("content", ""))
        .put("finish_reason", "error");
    out.event(SseEvent.data(Json.string(root)));
  }

  private SseEvent chunk(int index, ObjectNode delta) {
    ObjectNode root = base();
    root.putArray("choices")
        .addObject()
        .put("index", index)
        .<ObjectNode>set("delta", delta)
        .putNull("finish_reason");
    return SseEvent.data(Json.string(root));
  }

  private static ObjectNode toolDelta(ObjectNode item) {
    ObjectNode delta = Json.object();
    delta.putArray("tool_calls").add(item);
    return delta;
  }

  private ObjectNode base() {
    return Json.object()
        .put("id", id)
        .put("object", "chat.completion.chunk")
        .put("created", created)
        .put("model", model);
  }
}
