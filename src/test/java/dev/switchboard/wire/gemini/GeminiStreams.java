package dev.switchboard.wire.gemini;

import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.SseDecoder;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Replays recorded Gemini streams through a decoder, whole or split, for the tests. */
final class GeminiStreams {
  private GeminiStreams() {}

  static byte[] bytes(String scenario) {
    return Fixtures.bytes("gemini", scenario, "upstream-response.sse");
  }

  /** The scenario's events decoded, the bytes fed in pieces cut at {@code cuts}. */
  static List<ChatEvent> decode(StreamDecoder decoder, byte[] bytes, int... cuts) throws Exception {
    List<SseEvent> frames = new ArrayList<>();
    SseDecoder sse = new SseDecoder();
    int from = 0;
    for (int cut : cuts) {
      sse.feed(bytes, from, cut - from, frames::add);
      from = cut;
    }
    sse.feed(bytes, from, bytes.length - from, frames::add);
    sse.finish(frames::add);
    List<ChatEvent> out = new ArrayList<>();
    for (SseEvent frame : frames) {
      decoder.decode(frame, out::add);
    }
    decoder.finish(out::add);
    return out;
  }

  static List<ChatEvent> decode(String scenario) throws Exception {
    return decode(new GeminiStreamDecoder(), bytes(scenario));
  }

  static String text(List<ChatEvent> events) {
    return events.stream()
        .filter(ChatEvent.TextDelta.class::isInstance)
        .map(e -> ((ChatEvent.TextDelta) e).text())
        .collect(Collectors.joining());
  }

  static String reasoning(List<ChatEvent> events) {
    return events.stream()
        .filter(ChatEvent.ReasoningDelta.class::isInstance)
        .map(e -> ((ChatEvent.ReasoningDelta) e).text())
        .collect(Collectors.joining());
  }
}
