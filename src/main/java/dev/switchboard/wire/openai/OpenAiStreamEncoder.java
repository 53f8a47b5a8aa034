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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes canonical events as chat.completion.chunk events, then the usage chunk and [DONE]; each
 * names the provider serving (OpenRouter's {@code provider} field) once {@link #servedBy} said it.
 */
final class OpenAiStreamEncoder implements StreamEncoder {
  /** Block number of each tool call to its position in tool_calls. */
  private final Map<Integer, Integer> toolIndexes = new HashMap<>(4);

  private String id = "chatcmpl-gateway";
  private String model;
  private long created = Instant.now().getEpochSecond();
  private Optional<String> provider = Optional.empty();

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
  public void servedBy(String provider) {
    this.provider = Optional.of(provider);
  }

  @Override
  public void encode(ChatEvent event, SseSink out) {
    switch (event) {
      case ChatEvent.Started started -> {
        // The identity comes from identify(): the provider's own model name stays upstream.
        out.event(chunk(Json.object().put("role", "assistant").put("content", "")));
      }
      case ChatEvent.TextDelta text -> out.event(chunk(Json.object().put("content", text.text())));
      case ChatEvent.ReasoningDelta reasoning ->
          out.event(chunk(Json.object().put("reasoning", reasoning.text())));
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
    ObjectNode root = base();
    root.putArray("choices")
        .addObject()
        .put("index", 0)
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
