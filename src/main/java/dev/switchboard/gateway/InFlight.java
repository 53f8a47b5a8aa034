package dev.switchboard.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work a stopping gateway waits for before it closes the event loops that work completes on:
 * exchanges still open and settlements whose rows the ledger has not answered yet.
 */
final class InFlight {
  private final AtomicInteger open = new AtomicInteger();
  private final Queue<Promise<Void>> waiting = new ConcurrentLinkedQueue<>();

  void begin() {
    open.incrementAndGet();
  }

  void end() {
    if (open.decrementAndGet() == 0) {
      answerWaiting();
    }
  }

  /** Completes once nothing is in flight: at once when nothing is. */
  Future<Void> drained() {
    Promise<Void> drained = Promise.promise();
    waiting.add(drained);
    // After the add: work ending between a check before it and the add would be missed.
    if (open.get() == 0) {
      answerWaiting();
    }
    return drained.future();
  }

  private void answerWaiting() {
    for (Promise<Void> drained = waiting.poll(); drained != null; drained = waiting.poll()) {
      drained.tryComplete();
    }
  }
}
