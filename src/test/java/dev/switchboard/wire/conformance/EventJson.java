package dev.switchboard.wire.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Canonical stream events as JSON objects with a "type" field, both ways, for the goldens in
 * expected-events.json. A stream that does not end cleanly gets one more object saying how it
 * ended: {"type":"truncated"}, {"type":"upstream_error",...} or {"type":"malformed",...}.
 */
final class EventJson {
  private EventJson() {}

  static List<ObjectNode> write(StreamRun.Outcome outcome) {
    List<ObjectNode> nodes = new ArrayList<>(outcome.events().size() + 1);
    outcome.events().forEach(event -> nodes.add(write(event)));
    outcome.error().ifPresent(error -> nodes.add(ending(error)));
    return nodes;
  }

  static ObjectNode write(ChatEvent event) {
    return switch (event) {
      case ChatEvent.Started s ->
          typed("started").put("id", s.id()).put("created", s.created()).put("model", s.model());
      case ChatEvent.TextDelta t -> block("text", t.block()).put("text", t.text());
      case ChatEvent.ReasoningDelta r -> block("reasoning", r.block()).put("text", r.text());
      case ChatEvent.ReasoningSignature s ->
          block("signature", s.block()).put("signature", s.signature());
      case ChatEvent.RedactedReasoning r ->
          block("redacted_reasoning", r.block()).put("data", r.data());
      case ChatEvent.ToolCallStarted t ->
          block("tool_call", t.block()).put("id", t.id()).put("name", t.name());
      case ChatEvent.ToolArgumentsDelta a ->
          block("tool_arguments", a.block()).put("json", a.jsonFragment());
      case ChatEvent.BlockStopped b -> block("block_stopped", b.block());
      case ChatEvent.UsageReported u -> usage(typed("usage"), u.usage());
      case ChatEvent.Finished f -> finish(typed("finished"), f.finish());
    };
  }

  /** The event a golden object describes; the inverse of {@link #write(ChatEvent)}. */
  static Optional<ChatEvent> read(JsonNode node) {
    int block = node.path("block").asInt();
    return Optional.ofNullable(
        switch (node.path("type").asText()) {
          case "started" ->
              new ChatEvent.Started(
                  text(node, "id"), node.path("created").asLong(), text(node, "model"));
          case "text" -> new ChatEvent.TextDelta(block, text(node, "text"));
          case "reasoning" -> new ChatEvent.ReasoningDelta(block, text(node, "text"));
          case "signature" -> new ChatEvent.ReasoningSignature(block, text(node, "signature"));
          case "redacted_reasoning" -> new ChatEvent.RedactedReasoning(block, text(node, "data"));
          case "tool_call" ->
              new ChatEvent.ToolCallStarted(block, text(node, "id"), text(node, "name"));
          case "tool_arguments" -> new ChatEvent.ToolArgumentsDelta(block, text(node, "json"));
          case "block_stopped" -> new ChatEvent.BlockStopped(block);
          case "usage" -> new ChatEvent.UsageReported(readUsage(node));
          case "finished" -> new ChatEvent.Finished(readFinish(node));
          default -> null; // an ending: not an event
        });
  }

  static ObjectNode usage(ObjectNode target, Usage usage) {
    target
        .put("prompt", usage.promptTokens())
        .put("completion", usage.completionTokens())
        .put("cached", usage.cachedPromptTokens())
        .put("cache_write_5m", usage.cacheWrite5mTokens())
        .put("cache_write_1h", usage.cacheWrite1hTokens())
        .put("reasoning", usage.reasoningTokens())
        .put("source", usage.source().name());
    usage.cost().ifPresent(cost -> target.put("cost", cost.toPlainString()));
    return target;
  }

  static Usage readUsage(JsonNode node) {
    Usage usage =
        new Usage(
            node.path("prompt").asLong(),
            node.path("completion").asLong(),
            node.path("cached").asLong(),
            node.path("cache_write_5m").asLong(),
            node.path("cache_write_1h").asLong(),
            node.path("reasoning").asLong(),
            Usage.Source.valueOf(node.path("source").asText()),
            Optional.empty());
    return node.has("cost") ? usage.withCost(new BigDecimal(text(node, "cost"))) : usage;
  }

  static ObjectNode finish(ObjectNode target, Finish finish) {
    target.put("reason", finish.reason().name()).put("raw", finish.raw());
    finish.stopSequence().ifPresent(stop -> target.put("stop_sequence", stop));
    return target;
  }

  static Finish readFinish(JsonNode node) {
    return new Finish(
        FinishReason.valueOf(text(node, "reason")),
        text(node, "raw"),
        node.has("stop_sequence") ? Optional.of(text(node, "stop_sequence")) : Optional.empty());
  }

  static ObjectNode failure(ObjectNode target, UpstreamFailure failure) {
    target
        .put("status", failure.status())
        .put("kind", failure.kind().name())
        .put("retry", failure.retry().name());
    failure.retryAfter().ifPresent(after -> target.put("retry_after_ms", after.toMillis()));
    return target.put("detail", failure.detail());
  }

  private static ObjectNode ending(Exception error) {
    return switch (error) {
      case StreamTruncated t -> typed("truncated").put("message", t.getMessage());
      case UpstreamStreamError e -> failure(typed("upstream_error"), e.failure());
      default -> typed("malformed").put("message", error.getMessage());
    };
  }

  private static ObjectNode typed(String type) {
    return Json.object().put("type", type);
  }

  private static ObjectNode block(String type, int block) {
    return typed(type).put("block", block);
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).asText();
  }
}
