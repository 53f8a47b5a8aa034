package dev.switchboard.gateway;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Writes log records to stderr from its own thread ("log-writer"): the event loop that logs a
 * request only queues the record, instead of formatting it and waiting for a locked write(2) of its
 * own. Woken by a record, the writer waits {@link #LINGER} for more, then formats what is queued
 * and writes it in one go: under load the loops rarely wake it (a wake-up per line was a futex call
 * on the event loop and a write per line). The queue is bounded; a record that finds it full is
 * counted, never waited for, and the count is written as a line of its own. {@link #close} (also
 * run by the logging system at shutdown) writes everything still queued.
 */
final class ConsoleLines extends Handler {
  private static final int CAPACITY = 1 << 16;
  // How late a line may appear: long enough to gather a busy gateway's lines, short for a person.
  static final Duration LINGER = Duration.ofMillis(10);
  private final BlockingQueue<LogRecord> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Writer out;
  private final Thread writer;
  private volatile boolean closed;

  ConsoleLines() {
    this(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), CAPACITY);
  }

  ConsoleLines(Writer out, int capacity) {
    this.out = new BufferedWriter(out, 1 << 16);
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = Thread.ofPlatform().name("log-writer").daemon(true).start(this::run);
  }

  @Override
  public void publish(LogRecord record) {
    if (closed || !isLoggable(record)) {
      return;
    }
    if (!queue.offer(record)) {
      dropped.incrementAndGet();
    }
  }

  @Override
  public void flush() {
    // The writer flushes whenever the queue runs empty.
  }

  @Override
  public void close() {
    closed = true;
    writer.interrupt();
    try {
      writer.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drain(new ArrayList<>());
  }

  private void run() {
    List<LogRecord> batch = new ArrayList<>(256);
    while (!closed) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      // While it sleeps the writer waits on no condition, so offers to the queue wake nobody.
      LockSupport.parkNanos(LINGER.toNanos());
      drain(batch);
    }
  }

  private synchronized void drain(List<LogRecord> batch) {
    queue.drainTo(batch);
    try {
      for (LogRecord record : batch) {
        out.write(getFormatter().format(record));
      }
      long lost = dropped.getAndSet(0);
      if (lost > 0) {
        out.write(
            "log-writer: " + lost + " log lines dropped (queue full)" + System.lineSeparator());
      }
      out.flush();
    } catch (IOException | RuntimeException e) {
      reportError("cannot write log lines", e, ErrorManager.WRITE_FAILURE);
    }
    batch.clear();
  }
}
