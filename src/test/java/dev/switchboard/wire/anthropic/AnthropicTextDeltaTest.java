package dev.switchboard.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A text delta event, written without a tree, is byte for byte what the tree wrote. */
class AnthropicTextDeltaTest {
  @Test
  void textDeltas_areWhatTheTreeWrote() {
    AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("m");
    encoder.identify("msg_1", 0, "m");
    List<String> texts =
        List.of(
            "Hello", "quote \" back\\slash / \n\t\r\b\f \u0001", "caf\u00e9 \ud83d\ude42 \u2028");
    int index = 0;
    for (String text : texts) {
      for (int block : List.of(index, index)) {
        List<SseEvent> written = new ArrayList<>();
        encoder.encode(new ChatEvent.TextDelta(block, text), written::add);
        ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", index);
        delta.set("delta", Json.object().put("type", "text_delta").put("text", text));
        assertThat(written.getLast())
            .isEqualTo(new SseEvent("content_block_delta", Json.string(delta)));
      }
      index++;
    }
  }
}
