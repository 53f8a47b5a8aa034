package dev.switchboard.api;

import io.vertx.core.Vertx;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The clock of the open streams of one event loop: one periodic timer ticks every stream (its
 * keep-alive comment, its write timeout) instead of a timer per stream, which 10,000 open streams
 * would make 10,000 timers rescheduled every period.
 */
final class StreamTicker {
  private final Set<ClientStream> open = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Starts ticking on the caller's event loop, every {@code periodMs}. */
  StreamTicker(Vertx vertx, long periodMs) {
    vertx.setPeriodic(Math.max(1, periodMs), id -> tick());
  }

  void add(ClientStream stream) {
    open.add(stream);
  }

  void remove(ClientStream stream) {
    open.remove(stream);
  }

  private void tick() {
    // A tick may end a stream, which removes it: iterate over a copy.
    for (ClientStream stream : open.toArray(ClientStream[]::new)) {
      stream.tick();
    }
  }
}
