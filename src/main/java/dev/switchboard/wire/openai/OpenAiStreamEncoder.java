package dev.switchboard.wire.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.SseSink;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.Usage;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes canonical events as chat.completion.chunk events, then the usage chunk and [DONE]; each
 * names the provider serving (OpenRouter's {@code provider} field) once {@link #servedBy} said it.
 */
final class OpenAiStreamEncoder implements StreamEncoder {
  /** What follows the delta object in a delta chunk. */
  private static final String DELTA_TAIL = ",\"finish_reason\":null}]}";

  /** Block number of each tool call to its position in tool_calls. */
  private final Map<Integer, Integer> toolIndexes = new HashMap<>(4);

  private String id = "chatcmpl-gateway";
  private String model;
  private long created = Instant.now().getEpochSecond();
  private Optional<String> provider = Optional.empty();

  /** What a delta chunk holds before its delta object, for this identity; null once it changed. */
  private @Nullable String head;

  OpenAiStreamEncoder(String model) {
    this.model = model;
  }

  @Override
  public void identify(String id, long created, String model) {
    this.id = id;
    this.created = created;
    this.model = model;
    head = null;
  }

  @Override
  public void servedBy(String provider) {
    this.provider = Optional.of(provider);
    head = null;
  }

  /**
   * A text or reasoning delta, the most frequent chunk: written as {@link #chunk} would write it
   * (same fields, order and escaping), from the stream's constant head and tail, without a tree.
   */
  private SseEvent delta(String field, String text) {
    if (head == null) {
      String whole = chunkJson(Json.object());
      head = whole.substring(0, whole.length() - DELTA_TAIL.length() - 2);
    }
    StringBuilder json = new StringBuilder(head.length() + text.length() + 48);
    json.append(head).append(field).append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, json);
    return SseEvent.data(json.append("\"}").append(DELTA_TAIL).toString());
  }

  @Override
  public void encode(ChatEvent event, SseSink out) {
    switch (event) {
      case ChatEvent.Started started -> {
        // The identity comes from identify(): the provider's own model name stays upstream.
        out.event(chunk(Json.object().put("role", "assistant").put("content", "")));
      }
      case ChatEvent.TextDelta text -> out.event(delta("{\"content\":", text.text()));
      case ChatEvent.ReasoningDelta reasoning ->
          out.event(delta("{\"reasoning\":", reasoning.text()));
      case ChatEvent.ToolCallStarted call -> {
        int ordinal = toolIndexes.size();
        toolIndexes.put(call.block(), ordinal);
        ObjectNode item =
            Json.object().put("index", ordinal).put("id", call.id()).put("type", "function");
        item.putObject("function").put("name", call.name()).put("arguments", "");
        out.event(chunk(toolDelta(item)));
      }
      case ChatEvent.ToolArgumentsDelta args -> {
        ObjectNode item = Json.object().put("index", toolIndexes.getOrDefault(args.block(), 0));
        item.putObject("function").put("arguments", args.jsonFragment());
        out.event(chunk(toolDelta(item)));
      }
      case ChatEvent.Finished finished -> {
        ObjectNode root = base();
        root.putArray("choices")
            .addObject()
            .put("index", 0)
            .<ObjectNode>set("delta", Json.object())
            .put("finish_reason", OpenAiFinishReasons.encode(finished.finish()));
        out.event(SseEvent.data(Json.string(root)));
      }
      case ChatEvent.ReasoningSignature ignored -> {
        // Chat Completions has no place for a signature.
      }
      case ChatEvent.RedactedReasoning ignored -> {
        // Nor for encrypted reasoning.
      }
      case ChatEvent.BlockStopped ignored -> {
        // Blocks end implicitly in this format.
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

  private SseEvent chunk(ObjectNode delta) {
    return SseEvent.data(chunkJson(delta));
  }

  private String chunkJson(ObjectNode delta) {
    ObjectNode root = base();
    root.putArray("choices")
        .addObject()
        .put("index", 0)
        .<ObjectNode>set("delta", delta)
        .putNull("finish_reason");
    return Json.string(root);
  }

  private static ObjectNode toolDelta(ObjectNode item) {
    ObjectNode delta = Json.object();
    delta.putArray("tool_calls").add(item);
    return delta;
  }

  private ObjectNode base() {
    ObjectNode root =
        Json.object()
            .put("id", id)
            .put("object", "chat.completion.chunk")
            .put("created", created)
            .put("model", model);
    provider.ifPresent(name -> root.put("provider", name));
    return root;
  }
}
