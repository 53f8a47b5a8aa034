package dev.switchboard.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.SseDecoder;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicStreamDecoderTest {
  @Test
  void decodesTheRecordedTextStream() throws Exception {
    List<ChatEvent> events = decode("text-stream");
    assertThat(events.getFirst())
        .isEqualTo(
            new ChatEvent.Started("msg_01PjGyqZ8iWHYBPmthN5jCas", 0, "claude-sonnet-4-5-20250929"));
    Assembled answer = Assembled.of(events);
    assertThat(answer.content())
        .containsExactly(
            Part.Text.of(
                "Hello! I'm a spark of curiosity wrapped in code, delighted to meet you."));
    assertThat(answer.finish()).contains(Finish.of(FinishReason.STOP, "end_turn"));
    assertThat(answer.usage()).contains(Usage.reported(24, 22, 0, 0));
    assertThat(events.getLast()).isInstanceOf(ChatEvent.Finished.class);
    // message_start reports the input so far; message_delta the cumulative output.
    assertThat(events.get(1)).isEqualTo(new ChatEvent.UsageReported(Usage.reported(24, 6, 0, 0)));
  }

  @Test
  void decodesThinkingWithItsSignature() throws Exception {
    Assembled answer = Assembled.of(decode("thinking-stream"));
    Part.Thinking thinking = (Part.Thinking) answer.content().getFirst();
    assertThat(thinking.text())
        .startsWith("This is a simple multiplication problem:")
        .endsWith(" 45");
    assertThat(thinking.signature()).startsWith("ErsCCkYICBgCKkAJijAWqPtHH2L3TN8HI3rADidQPRrjGB");
    assertThat(answer.content().get(1))
        .isEqualTo(Part.Text.of("**Approach:** Simple multiplication of 15 × 3\n\n**Answer:** 45"));
    assertThat(answer.usage()).contains(Usage.reported(66, 109, 0, 0));
  }

  @Test
  void decodesRedactedThinkingBlocks() throws Exception {
    Assembled answer = Assembled.of(decode("redacted-thinking-stream"));
    assertThat(answer.content()).hasSize(3);
    assertThat(((Part.RedactedThinking) answer.content().get(0)).data()).startsWith("EqkECkYIBxgC");
    assertThat(((Part.RedactedThinking) answer.content().get(1)).data()).startsWith("EtgBCkYIBxgC");
    assertThat(((Part.Text) answer.content().get(2)).text()).startsWith("I notice that");
  }

  @Test
  void decodesToolCallsWithArgumentsSplitMidToken() throws Exception {
    Assembled answer = Assembled.of(decode("tools-stream"));
    assertThat(answer.content())
        .containsExactly(
            new Part.ToolUse(
                "toolu_01HmERtWigr8QrR2dPHaUA5t",
                "structured_output",
                "{\"name\": \"Alex Chen\", \"age\": 29, \"occupation\": \"Software Engineer\"}"));
    assertThat(answer.finish()).contains(Finish.of(FinishReason.TOOL_CALLS, "tool_use"));
    Assembled ping = Assembled.of(decode("ping"));
    assertThat(ping.content().get(1))
        .isEqualTo(new Part.ToolUse("toolu_01QE1WLsSVp5hy5Q3GmGTmjP", "updateIssueList", ""));
  }

  @Test
  void readsCacheWritesOfEachLifetime() throws Exception {
    Assembled answer = Assembled.of(decode("cache-usage"));
    assertThat(answer.usage())
        .contains(Usage.reported(11 + 16522, 4, 0, 0).withCacheWrites(0, 16522));
  }

  @Test
  void mapsEveryStopReason_keepingTheMatchedSequence() throws Exception {
    assertThat(Assembled.of(decode("pause-turn")).finish())
        .contains(Finish.of(FinishReason.PAUSE, "pause_turn"));
    assertThat(Assembled.of(decode("refusal")).finish())
        .contains(Finish.of(FinishReason.CONTENT_FILTER, "refusal"));
    assertThat(Assembled.of(decode("stop-sequence")).finish())
        .contains(new Finish(FinishReason.STOP_SEQUENCE, "stop_sequence", Optional.of("code")));
  }

  @Test
  void aStreamWithoutMessageStopOrMessageDeltaIsTruncated() {
    assertThatThrownBy(() -> decode("truncated-stream")).isInstanceOf(StreamTruncated.class);
    List<SseEvent> noStop = new ArrayList<>(Fixtures.events("anthropic", "text-stream"));
    noStop.removeLast();
    assertThatThrownBy(() -> decode(noStop)).isInstanceOf(StreamTruncated.class);
    List<SseEvent> noDelta = new ArrayList<>(Fixtures.events("anthropic", "text-stream"));
    noDelta.remove(noDelta.size() - 2);
    assertThatThrownBy(() -> decode(noDelta)).isInstanceOf(StreamTruncated.class);
  }

  @Test
  void anOverloadedErrorEventIsARetryableUpstreamFailure() {
    assertThatThrownBy(() -> decode("error-in-stream"))
        .isInstanceOfSatisfying(
            UpstreamStreamError.class,
            e -> {
              assertThat(e.failure().retry()).isEqualTo(UpstreamFailure.Retry.RETRYABLE);
              assertThat(e.failure().kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED);
              assertThat(e.failure().status()).isEqualTo(529);
              assertThat(e.failure().detail()).contains("overloaded_error").contains("Overloaded");
            });
  }

  /** The rechunking property: every 2-piece byte split of every recorded stream, same events. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "cache-usage", "error-in-stream", "pause-turn", "ping", "redacted-thinking-stream",
        "refusal", "stop-sequence", "text-stream", "thinking-stream", "tools-stream",
        "truncated-stream"
      })
  void everyByteSplitGivesTheSameEvents(String scenario) throws Exception {
    byte[] bytes = Fixtures.bytes("anthropic", scenario, "upstream-response.sse");
    List<Object> whole = outcome(frames(bytes, bytes.length));
    assertThat(whole).isNotEmpty();
    for (int split = 1; split < bytes.length; split++) {
      assertThat(outcome(frames(bytes, split))).as("split at %d", split).isEqualTo(whole);
    }
  }

  private static List<SseEvent> frames(byte[] bytes, int split) {
    List<SseEvent> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder();
    decoder.feed(bytes, 0, split, events::add);
    decoder.feed(bytes, split, bytes.length - split, events::add);
    decoder.finish(events::add);
    return events;
  }

  /** The canonical events, then how the stream ended (the exception's class and message). */
  private static List<Object> outcome(List<SseEvent> frames) {
    List<Object> out = new ArrayList<>();
    AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
    try {
      for (SseEvent frame : frames) {
        decoder.decode(frame, out::add);
      }
      decoder.finish(out::add);
    } catch (Exception e) {
      out.add(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return out;
  }

  static List<ChatEvent> decode(String scenario) throws Exception {
    return decode(Fixtures.events("anthropic", scenario));
  }

  static List<ChatEvent> decode(List<SseEvent> frames) throws Exception {
    List<ChatEvent> out = new ArrayList<>();
    AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
    for (SseEvent frame : frames) {
      decoder.decode(frame, out::add);
    }
    decoder.finish(out::add);
    return out;
  }
}
