package dev.switchboard.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A text or reasoning delta chunk, written without a tree, is byte for byte what the tree wrote.
 */
class OpenAiDeltaChunkTest {
  private static final List<String> TEXTS =
      List.of(
          "Hello",
          "",
          "quote \" back\\slash / \n\t\r\b\f \u0001 \u001f",
          "caf\u00e9 \ud83d\ude42 \u2028");

  @Test
  void deltaChunks_areWhatTheTreeWrote() {
    for (boolean named : List.of(false, true)) {
      OpenAiStreamEncoder encoder = new OpenAiStreamEncoder("m");
      encoder.identify("gen-\"1\"", 1767225600L, "vendor/model \u00e9");
      if (named) {
        encoder.servedBy("Prov \"X\"");
      }
      for (String text : TEXTS) {
        for (boolean reasoning : List.of(false, true)) {
          List<SseEvent> written = new ArrayList<>();
          encoder.encode(
              reasoning ? new ChatEvent.ReasoningDelta(0, text) : new ChatEvent.TextDelta(0, text),
              written::add);
          ObjectNode root =
              Json.object()
                  .put("id", "gen-\"1\"")
                  .put("object", "chat.completion.chunk")
                  .put("created", 1767225600L)
                  .put("model", "vendor/model \u00e9");
          if (named) {
            root.put("provider", "Prov \"X\"");
          }
          root.putArray("choices")
              .addObject()
              .put("index", 0)
              .<ObjectNode>set(
                  "delta", Json.object().put(reasoning ? "reasoning" : "content", text))
              .putNull("finish_reason");
          assertThat(written).containsExactly(SseEvent.data(Json.string(root)));
        }
      }
    }
  }
}
