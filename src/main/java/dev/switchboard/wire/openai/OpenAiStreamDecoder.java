package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.WireException;
import java.util.function.Consumer;

/**
 * Decodes chat.completion.chunk events. The stream is complete once a choice reported a
 * finish_reason; [DONE] alone is not enough, and its absence after a finish_reason is tolerated.
 */
final class OpenAiStreamDecoder implements StreamDecoder {
  static final String DONE = "[DONE]";
  private boolean started;
  private boolean finished;

  @Override
  public void decode(SseEvent event, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    if (event.data().equals(DONE)) {
      return;
    }
    JsonNode chunk = Json.tree(event.data());
    if (chunk.hasNonNull("error")) {
      throw new UpstreamStreamError(OpenAiErrors.streamFailure(chunk.get("error")));
    }
    if (!started) {
      started = true;
      out.accept(
          new ChatEvent.Started(chunk.path("id").asText(""), chunk.path("model").asText("")));
    }
    for (JsonNode choice : chunk.path("choices")) {
      choice(choice, out);
    }
    OpenAiUsage.decode(chunk.get("usage"))
        .ifPresent(usage -> out.accept(new ChatEvent.UsageReported(usage)));
  }

  private void choice(JsonNode choice, Consumer<ChatEvent> out) {
    int index = choice.path("index").asInt(0);
    JsonNode delta = choice.path("delta");
    String reasoning =
        delta.has("reasoning")
            ? delta.path("reasoning").asText("")
            : delta.path("reasoning_content").asText("");
    if (!reasoning.isEmpty()) {
      out.accept(new ChatEvent.ReasoningDelta(index, reasoning));
    }
    String text = delta.path("content").asText("");
    if (!text.isEmpty()) {
      out.accept(new ChatEvent.TextDelta(index, text));
    }
    for (JsonNode call : delta.path("tool_calls")) {
      int toolIndex = call.path("index").asInt(0);
      JsonNode function = call.path("function");
      if (call.hasNonNull("id")) {
        out.accept(
            new ChatEvent.ToolCallStarted(
                index, toolIndex, call.get("id").asText(), function.path("name").asText("")));
      }
      String arguments = function.path("arguments").asText("");
      if (!arguments.isEmpty()) {
        out.accept(new ChatEvent.ToolArgumentsDelta(index, toolIndex, arguments));
      }
    }
    if (choice.hasNonNull("finish_reason")) {
      finished = true;
      out.accept(
          new ChatEvent.Finished(
              index, OpenAiFinishReasons.decode(choice.get("finish_reason").asText())));
    }
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
