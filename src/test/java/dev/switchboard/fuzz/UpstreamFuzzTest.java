package dev.switchboard.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.SseDecoder;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.openai.OpenAiFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What providers send back, byte level: a unary body and an SSE stream of the OpenAI format.
 * Malformed data must end as a clean in-band error (WireException, UpstreamStreamError,
 * StreamTruncated); nothing else may escape, and framing must not depend on how bytes are split.
 */
class UpstreamFuzzTest {
  private static final OpenAiFormat FORMAT = new OpenAiFormat();
  private static final Usage SETTLED = Usage.reported(12, 34, 5, 6);
  private static final ChatRequest REQUEST = request();

  @FuzzTest(maxDuration = "2m")
  void unaryBody(byte[] body) {
    try {
      FORMAT.decodeResponse(body);
    } catch (WireException e) {
      CleanErrors.check(e.getMessage());
    }
    try {
      FORMAT.passthrough().readBody(body).answer(SETTLED, "catalog/model");
    } catch (WireException e) {
      CleanErrors.check(e.getMessage());
    }
  }

  @FuzzTest(maxDuration = "2m")
  void stream(FuzzedDataProvider data) {
    int[] cuts = data.consumeInts(8);
    byte[] bytes = data.consumeRemainingAsBytes();
    List<SseEvent> events = frame(bytes, new int[0]);
    if (!events.equals(frame(bytes, cuts))) {
      throw new AssertionError("SSE framing depends on how the bytes are split");
    }
    decode(events);
    relay(events);
  }

  private static List<SseEvent> frame(byte[] bytes, int[] cuts) {
    List<SseEvent> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder();
    int at = 0;
    for (int cut : cuts) {
      int length = Math.floorMod(cut, bytes.length - at + 1);
      decoder.feed(bytes, at, length, events::add);
      at += length;
    }
    decoder.feed(Arrays.copyOfRange(bytes, at, bytes.length), events::add);
    decoder.finish(events::add);
    return events;
  }

  private static void decode(List<SseEvent> events) {
    StreamDecoder decoder = FORMAT.newStreamDecoder(REQUEST);
    List<ChatEvent> out = new ArrayList<>();
    try {
      for (SseEvent event : events) {
        decoder.decode(event, out::add);
      }
      decoder.finish(out::add);
    } catch (WireException e) {
      CleanErrors.check(e.getMessage());
    } catch (UpstreamStreamError | StreamTruncated e) {
      if (e.getMessage() == null) {
        throw new AssertionError("an in-band error without a message", e);
      }
    }
  }

  private static void relay(List<SseEvent> events) {
    Passthrough.Stream stream = FORMAT.passthrough().open(REQUEST, "catalog/model");
    try {
      for (SseEvent event : events) {
        stream.decode(event, ignored -> {});
        stream.relayed().ifPresent(SseEvent::frame);
      }
    } catch (WireException e) {
      CleanErrors.check(e.getMessage());
      return;
    } catch (UpstreamStreamError e) {
      if (e.getMessage() == null) {
        throw new AssertionError("an in-band error without a message", e);
      }
      return;
    }
    stream.closing(SETTLED);
  }

  private static ChatRequest request() {
    try {
      return FORMAT.parseRequest(
          IngressRequest.of(
              "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                  .getBytes(StandardCharsets.UTF_8)));
    } catch (WireException e) {
      throw new IllegalStateException(e);
    }
  }
}
