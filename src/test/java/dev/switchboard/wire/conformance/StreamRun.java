package dev.switchboard.wire.conformance;

import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.SseDecoder;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decodes a stream's bytes, delivered in pieces as a socket might cut them, into canonical events
 * and how the stream ended, the way the gateway does: SSE framing, then the format's decoder, then
 * its finish() at the end of the bytes.
 */
final class StreamRun {
  /** The events, and the exception that ended the stream when it did not end cleanly. */
  record Outcome(List<ChatEvent> events, Optional<Exception> error) {}

  private StreamRun() {}

  static Outcome decode(WireFormat format, ChatRequest request, byte[] bytes, int... cuts) {
    StreamDecoder decoder = format.newStreamDecoder(request);
    SseDecoder sse = new SseDecoder();
    List<SseEvent> frames = new ArrayList<>();
    List<ChatEvent> events = new ArrayList<>();
    int from = 0;
    try {
      for (int cut : cuts) {
        sse.feed(bytes, from, cut - from, frames::add);
        from = cut;
        drain(decoder, frames, events);
      }
      sse.feed(bytes, from, bytes.length - from, frames::add);
      sse.finish(frames::add);
      drain(decoder, frames, events);
      decoder.finish(events::add);
      return new Outcome(events, Optional.empty());
    } catch (WireException | UpstreamStreamError | StreamTruncated e) {
      return new Outcome(events, Optional.of(e));
    }
  }

  /** Every way to cut {@code length} bytes in two, and a few ways in three. */
  static List<int[]> splits(int length) {
    List<int[]> splits = new ArrayList<>(length + 8);
    for (int cut = 1; cut < length; cut++) {
      splits.add(new int[] {cut});
    }
    int step = Math.max(1, length / 7);
    for (int first = 1; first + step < length; first += step) {
      splits.add(new int[] {first, first + step / 2 + 1});
    }
    return splits;
  }

  /** The same events, and the same kind of ending with the same message. */
  static boolean same(Outcome a, Outcome b) {
    return a.events().equals(b.events())
        && a.error().map(StreamRun::ending).equals(b.error().map(StreamRun::ending));
  }

  private static String ending(Exception e) {
    return e.getClass().getName() + ": " + e.getMessage();
  }

  static String describe(int[] cuts) {
    return "cut at " + Arrays.toString(cuts);
  }

  private static void drain(StreamDecoder decoder, List<SseEvent> frames, List<ChatEvent> events)
      throws WireException, UpstreamStreamError {
    for (SseEvent frame : frames) {
      decoder.decode(frame, events::add);
    }
    frames.clear();
  }
}
