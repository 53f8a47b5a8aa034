package dev.switchboard.wire.gemini;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiStreamDecoderTest {
  @Test
  void decodesARecordedTextStream() throws Exception {
    List<ChatEvent> events = GeminiStreams.decode("text-stream");
    assertThat(events)
        .containsExactly(
            new ChatEvent.Started("ezh8aaKTCYSnqtsP-qXkqQI", 0, "gemini-2.5-flash"),
            new ChatEvent.TextDelta(0, "The capital of France is **Paris**."),
            // Thoughts are output: 8 answer tokens + 16 thinking tokens.
            new ChatEvent.UsageReported(Usage.reported(15, 24, 0, 16)),
            new ChatEvent.Finished(Finish.of(FinishReason.STOP, "STOP")));
  }

  @Test
  void thoughtsAreAReasoningBlockClosedByTheSignatureOnTheFirstAnswerPart() throws Exception {
    List<ChatEvent> events = GeminiStreams.decode("thinking-stream");
    assertThat(events.get(1))
        .isEqualTo(
            new ChatEvent.ReasoningDelta(
                0,
                "**Defining the Goal**\n\nI've homed in on the user's need: safe street crossing guidance. It's a straightforward task with clear safety parameters. My focus is now on extracting core safety principles for a successful outcome.\n\n\n"));
    assertThat(GeminiStreams.reasoning(events)).contains("**Developing the Structure**");
    ChatEvent.ReasoningSignature signature =
        (ChatEvent.ReasoningSignature)
            events.stream()
                .filter(ChatEvent.ReasoningSignature.class::isInstance)
                .findFirst()
                .orElseThrow();
    assertThat(signature.block()).isZero();
    assertThat(signature.signature()).startsWith("CiIBcsjafACy65Vwcm8qO").endsWith("SSogng==");
    assertThat(events.stream().filter(ChatEvent.TextDelta.class::isInstance))
        .allMatch(e -> ((ChatEvent.TextDelta) e).block() == 1);
    assertThat(GeminiStreams.text(events))
        .startsWith("Here is a step-by-step guide")
        .endsWith("Stay alert and stay safe");
    assertThat(events.getLast())
        .isEqualTo(new ChatEvent.Finished(Finish.of(FinishReason.STOP, "STOP")));
    assertThat(lastUsage(events)).isEqualTo(Usage.reported(34, 387 + 759, 0, 759));
  }

  @Test
  void aFunctionCallWithItsSignatureIsAToolCallFinishingAsToolCalls() throws Exception {
    List<ChatEvent> events = GeminiStreams.decode("tools-stream");
    assertThat(events)
        .containsExactly(
            new ChatEvent.Started("SVV8aY6uBqe6qtsPmJbEuAM", 0, "gemini-3-pro-preview"),
            new ChatEvent.ReasoningSignature(0, signatureOf(events)),
            new ChatEvent.ToolCallStarted(1, "call_SVV8aY6uBqe6qtsPmJbEuAM_0", "get_country"),
            new ChatEvent.ToolArgumentsDelta(1, "{}"),
            new ChatEvent.UsageReported(Usage.reported(29, 120, 0, 110)),
            new ChatEvent.UsageReported(Usage.reported(29, 120, 0, 110)),
            new ChatEvent.Finished(Finish.of(FinishReason.TOOL_CALLS, "STOP")));
    assertThat(signatureOf(events)).startsWith("Et8ECtwEAXLI2ny");
  }

  @Test
  void usageIsCumulative_theLastReportWins() throws Exception {
    List<ChatEvent> events = GeminiStreams.decode("tool-result-turn");
    assertThat(GeminiStreams.text(events)).isEqualTo("The capital of Mexico is Mexico City.");
    assertThat(lastUsage(events)).isEqualTo(Usage.reported(165, 8, 0, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text-stream", "thinking-stream", "tools-stream", "tool-result-turn"})
  void everyTwoPieceSplitYieldsTheSameEvents(String scenario) throws Exception {
    byte[] bytes = GeminiStreams.bytes(scenario);
    List<ChatEvent> whole = GeminiStreams.decode(new GeminiStreamDecoder(), bytes);
    for (int cut = 1; cut < bytes.length; cut++) {
      assertThat(GeminiStreams.decode(new GeminiStreamDecoder(), bytes, cut))
          .as("split at byte %d", cut)
          .isEqualTo(whole);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"error-in-stream", "truncated-stream"})
  void failingStreamsFailAtEverySplit(String scenario) throws Exception {
    byte[] bytes = GeminiStreams.bytes(scenario);
    Class<? extends Exception> expected =
        scenario.equals("error-in-stream") ? UpstreamStreamError.class : StreamTruncated.class;
    for (int cut = 1; cut < bytes.length; cut += 7) {
      int at = cut;
      assertThatThrownBy(() -> GeminiStreams.decode(new GeminiStreamDecoder(), bytes, at))
          .as("split at byte %d", at)
          .isInstanceOf(expected);
    }
  }

  @Test
  void anErrorChunkIsAnUpstreamFailure() {
    assertThatThrownBy(() -> GeminiStreams.decode("error-in-stream"))
        .isInstanceOfSatisfying(
            UpstreamStreamError.class,
            e -> {
              UpstreamFailure failure = e.failure();
              assertThat(failure.status()).isEqualTo(503);
              assertThat(failure.kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED);
              assertThat(failure.detail()).contains("UNAVAILABLE").contains("overloaded");
            });
  }

  @Test
  void aBareJsonErrorIsDroppedByTheFraming_soOnlyAFinishReasonBeforeItMakesTheStreamComplete()
      throws Exception {
    // As recorded (vercel/ai#5217), the unframed error follows an event that carries
    // finishReason STOP: the SSE framing drops the bare JSON, and the answer "Okay" is complete.
    List<ChatEvent> recorded = GeminiStreams.decode("error-in-stream-bare");
    assertThat(GeminiStreams.text(recorded)).isEqualTo("Okay");
    assertThat(recorded.getLast())
        .isEqualTo(new ChatEvent.Finished(Finish.of(FinishReason.STOP, "STOP")));
    // The same bare error after an event without finishReason: a failure, never a clean end.
    String bytes = new String(GeminiStreams.bytes("error-in-stream-bare"), UTF_8);
    String cut =
        bytes.substring(0, bytes.indexOf("data:", 10)) + bytes.substring(bytes.indexOf("{\n"));
    assertThat(cut).doesNotContain("finishReason").contains("\"error\"");
    assertThatThrownBy(() -> GeminiStreams.decode(new GeminiStreamDecoder(), cut.getBytes(UTF_8)))
        .isInstanceOf(StreamTruncated.class);
  }

  @Test
  void aStreamWithoutFinishReasonIsTruncated() {
    assertThatThrownBy(() -> GeminiStreams.decode("truncated-stream"))
        .isInstanceOf(StreamTruncated.class)
        .hasMessageContaining("before the answer was complete");
  }

  @Test
  void aBlockedPromptEndsAsAContentFilter_neverAStop() throws Exception {
    List<ChatEvent> out = new ArrayList<>();
    GeminiStreamDecoder decoder = new GeminiStreamDecoder();
    decoder.decode(
        SseEvent.data(
            "{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},\"usageMetadata\":{\"promptTokenCount\":9,\"totalTokenCount\":9},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r1\"}"),
        out::add);
    decoder.finish(out::add);
    assertThat(out.getLast())
        .isEqualTo(
            new ChatEvent.Finished(Finish.of(FinishReason.CONTENT_FILTER, "PROHIBITED_CONTENT")));
  }

  @Test
  void unknownAndFilterReasonsAreNeverAStop() {
    assertThat(GeminiFinishReasons.decode("SOMETHING_NEW", false))
        .isEqualTo(Finish.of(FinishReason.OTHER, "SOMETHING_NEW"));
    assertThat(GeminiFinishReasons.decode("FINISH_REASON_UNSPECIFIED", false).reason())
        .isEqualTo(FinishReason.OTHER);
    assertThat(GeminiFinishReasons.decode("OTHER", true).reason()).isEqualTo(FinishReason.OTHER);
    assertThat(GeminiFinishReasons.decode("RECITATION", false).reason())
        .isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(GeminiFinishReasons.decode("MALFORMED_FUNCTION_CALL", false).reason())
        .isEqualTo(FinishReason.ERROR);
    assertThat(GeminiFinishReasons.decode("MAX_TOKENS", false).reason())
        .isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void aMalformedChunkIsAWireError() {
    for (String bad : List.of("{not json", "[1,2]", "\"text\"")) {
      assertThatThrownBy(() -> new GeminiStreamDecoder().decode(SseEvent.data(bad), e -> {}))
          .as(bad)
          .isInstanceOf(WireException.class);
    }
  }

  private static String signatureOf(List<ChatEvent> events) {
    return events.stream()
        .filter(ChatEvent.ReasoningSignature.class::isInstance)
        .map(e -> ((ChatEvent.ReasoningSignature) e).signature())
        .findFirst()
        .orElseThrow();
  }

  static Usage lastUsage(List<ChatEvent> events) {
    return events.stream()
        .filter(ChatEvent.UsageReported.class::isInstance)
        .map(e -> ((ChatEvent.UsageReported) e).usage())
        .reduce((a, b) -> b)
        .orElseThrow();
  }
}
