package dev.switchboard.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseDecoderTest {
  @Test
  void framesEvents_withEveryLineEnding_andSkipsComments() {
    String stream =
        "data: a\n\n: PROCESSING\r\n\r\nevent: x\r\ndata: b1\r\ndata: b2\r\n\r\ndata:c\r\r";
    assertThat(decode(stream.getBytes(StandardCharsets.UTF_8), List.of()))
        .containsExactly(SseEvent.data("a"), new SseEvent("x", "b1\nb2"), SseEvent.data("c"));
  }

  @Test
  void finishFlushesAnEventWithoutItsBlankLine() {
    assertThat(decode("data: tail".getBytes(StandardCharsets.UTF_8), List.of()))
        .containsExactly(SseEvent.data("tail"));
  }

  @Test
  void decodesMultiByteCharactersSplitAcrossReads() {
    byte[] bytes = "data: héllo 你好 🙂\n\n".getBytes(StandardCharsets.UTF_8);
    for (int split = 1; split < bytes.length; split++) {
      assertThat(decode(bytes, List.of(split)))
          .as("split at %d", split)
          .containsExactly(SseEvent.data("héllo 你好 🙂"));
    }
  }

  /** The rechunking property: any byte split of a recorded stream yields the same events. */
  @ParameterizedTest
  @ValueSource(strings = {"text-stream", "tools-stream", "truncated-stream", "error-in-stream"})
  void recordedStreamsGiveTheSameEvents_underAnySplit(String scenario) {
    byte[] bytes = Fixtures.bytes("openai", scenario, "upstream-response.sse");
    List<SseEvent> whole = decode(bytes, List.of());
    assertThat(whole).isNotEmpty();
    for (int split = 1; split < bytes.length; split++) {
      assertThat(decode(bytes, List.of(split))).as("split at %d", split).isEqualTo(whole);
    }
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<Integer> cuts = new ArrayList<>();
      for (int at = random.nextInt(1, 40); at < bytes.length; at += random.nextInt(1, 40)) {
        cuts.add(at);
      }
      assertThat(decode(bytes, cuts)).as("cuts %s", cuts).isEqualTo(whole);
    }
  }

  private static List<SseEvent> decode(byte[] bytes, List<Integer> cuts) {
    List<SseEvent> out = new ArrayList<>();
    SseDecoder decoder = new SseDecoder();
    int from = 0;
    for (int cut : cuts) {
      decoder.feed(bytes, from, cut - from, out::add);
      from = cut;
    }
    decoder.feed(bytes, from, bytes.length - from, out::add);
    decoder.finish(out::add);
    return out;
  }
}
