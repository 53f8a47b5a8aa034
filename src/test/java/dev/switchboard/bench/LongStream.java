package dev.switchboard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.SseEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A long provider stream made of a recorded fixture's events: its opening events, then its content
 * events ({@code [from, to)}) over and over until the stream holds {@code chunks} events, then its
 * closing events, each framed as the provider wrote it and arriving in a read of its own (a live
 * provider sends each token as it is generated).
 *
 * @param reads the provider's bytes, one event per read
 */
record LongStream(List<byte[]> reads) {
  static LongStream of(String format, String scenario, int from, int to, int chunks) {
    List<SseEvent> recorded = Fixtures.events(format, scenario);
    if (from < 1 || to <= from || to > recorded.size()) {
      throw new IllegalArgumentException(
          format + "/" + scenario + " has " + recorded.size() + " events, not " + to);
    }
    List<SseEvent> events = new ArrayList<>(recorded.subList(0, from));
    int tail = recorded.size() - to;
    for (int i = 0; events.size() < chunks - tail; i++) {
      events.add(recorded.get(from + i % (to - from)));
    }
    events.addAll(recorded.subList(to, recorded.size()));
    return new LongStream(events.stream().map(event -> event.frame().getBytes(UTF_8)).toList());
  }

  int chunks() {
    return reads.size();
  }
}
