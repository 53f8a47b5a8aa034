package dev.switchboard.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.TestRequests;
import dev.switchboard.wire.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicStreamEncoderTest {
  private static final Usage SETTLED =
      Usage.reported(120, 40, 0, 0).withCost(new BigDecimal("0.001"));

  /** Re-encoding a recorded stream's events gives a stream that decodes to the same answer. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "text-stream",
        "thinking-stream",
        "redacted-thinking-stream",
        "tools-stream",
        "ping",
        "stop-sequence",
        "pause-turn",
        "refusal"
      })
  void aTranslatedStreamReadsBackAsTheOriginal(String scenario) throws Exception {
    List<ChatEvent> original = AnthropicStreamDecoderTest.decode(scenario);
    List<SseEvent> written = encode(original);
    Assembled before = Assembled.of(original);
    Assembled after = Assembled.of(AnthropicStreamDecoderTest.decode(written));
    assertThat(after.content()).isEqualTo(before.content());
    assertThat(after.finish()).isEqualTo(before.finish());
    // The usage read back is the settled one (the decoder never reports a cost).
    assertThat(after.usage()).contains(Usage.reported(120, 40, 0, 0));
    assertThat(written).extracting(SseEvent::event).first().isEqualTo("message_start");
    assertThat(written).extracting(SseEvent::event).last().isEqualTo("message_stop");
  }

  @Test
  void writesBlocksInOrder_withTheirIndexes_andTheSettledUsageLast() throws Exception {
    List<SseEvent> written =
        encode(
            List.of(
                new ChatEvent.Started("up", 0, "upstream-model"),
                new ChatEvent.ReasoningDelta(0, "think"),
                new ChatEvent.TextDelta(1, "hi"),
                new ChatEvent.ToolCallStarted(2, "t1", "f"),
                new ChatEvent.ToolArgumentsDelta(2, "{}"),
                new ChatEvent.Finished(
                    Finish.of(FinishReason.OTHER, "insufficient_system_resource"))));
    assertThat(written)
        .extracting(SseEvent::event)
        .containsExactly(
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_stop",
            "content_block_start",
            "content_block_delta",
            "content_block_stop",
            "content_block_start",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop");
    JsonNode start = Json.tree(written.getFirst().data());
    assertThat(start.at("/message/id").asText()).isEqualTo("msg_1");
    assertThat(start.at("/message/model").asText()).isEqualTo("cat/model");
    assertThat(Json.tree(written.get(7).data()).path("index").asInt()).isEqualTo(2);
    JsonNode delta = Json.tree(written.get(10).data());
    // An unknown reason goes out as the provider's word, never end_turn.
    assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("insufficient_system_resource");
    assertThat(delta.at("/usage/input_tokens").asLong()).isEqualTo(120);
    assertThat(delta.at("/usage/output_tokens").asLong()).isEqualTo(40);
    assertThat(delta.at("/usage/cost").decimalValue()).isEqualByComparingTo("0.001");
  }

  @Test
  void messageStartCarriesTheInputReportedBeforeTheFirstBlock() throws Exception {
    List<SseEvent> written =
        encode(
            List.of(
                new ChatEvent.Started("up", 0, "m"),
                new ChatEvent.UsageReported(Usage.reported(500, 1, 400, 0)),
                new ChatEvent.TextDelta(0, "hi"),
                new ChatEvent.Finished(Finish.of(FinishReason.STOP, "stop"))));
    JsonNode usage = Json.tree(written.getFirst().data()).at("/message/usage");
    assertThat(usage.path("input_tokens").asLong()).isEqualTo(100);
    assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(400);
    assertThat(Json.tree(written.get(written.size() - 2).data()).at("/delta/stop_reason").asText())
        .isEqualTo("end_turn");
  }

  @Test
  void failWritesAnErrorEvent_neverMessageStop() throws Exception {
    StreamEncoder encoder =
        new AnthropicFormat().newStreamEncoder(TestRequests.users("openai", true, "q"));
    List<SseEvent> out = new ArrayList<>();
    encoder.encode(new ChatEvent.TextDelta(0, "partial"), out::add);
    encoder.fail(GatewayError.of(ErrorKind.UPSTREAM_FAILED, "the provider broke off"), out::add);
    assertThat(out.getLast().event()).isEqualTo("error");
    assertThat(Json.tree(out.getLast().data()))
        .isEqualTo(
            Json.tree(
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"the provider broke off\"}}"));
    assertThat(out).extracting(SseEvent::event).doesNotContain("message_stop", "message_delta");
  }

  private static List<SseEvent> encode(List<ChatEvent> events) {
    StreamEncoder encoder =
        new AnthropicFormat().newStreamEncoder(TestRequests.users("openai", true, "q"));
    encoder.identify("msg_1", 0, "cat/model");
    List<SseEvent> out = new ArrayList<>();
    for (ChatEvent event : events) {
      encoder.encode(event, out::add);
    }
    encoder.complete(SETTLED, out::add);
    return out;
  }
}
