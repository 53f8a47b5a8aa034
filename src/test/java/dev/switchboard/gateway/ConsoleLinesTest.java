package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.io.Writer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ConsoleLinesTest {
  private static final Formatter MESSAGE =
      new Formatter() {
        @Override
        public String format(LogRecord record) {
          return record.getMessage() + "\n";
        }
      };

  @Test
  void everyRecord_isWrittenInOrder_byClose() {
    StringWriter out = new StringWriter();
    ConsoleLines lines = new ConsoleLines(out, 16);
    lines.setFormatter(MESSAGE);
    for (int i = 0; i < 10; i++) {
      lines.publish(new LogRecord(Level.INFO, "line " + i));
    }
    lines.close();
    assertThat(out.toString().lines())
        .containsExactly(
            "line 0", "line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7",
            "line 8", "line 9");
  }

  @Test
  void linesOfABusyGateway_areWrittenInBatches_notOneWritePerLine() throws Exception {
    AtomicInteger flushes = new AtomicInteger();
    StringWriter written = new StringWriter();
    Writer counting = writer(written, flushes::incrementAndGet);
    ConsoleLines lines = new ConsoleLines(counting, 256);
    lines.setFormatter(MESSAGE);
    int published = 40;
    for (int i = 0; i < published; i++) {
      lines.publish(new LogRecord(Level.INFO, "line " + i));
      Thread.sleep(1); // a writer woken per line would write each on its own
    }
    // Written without close(): the writer wrote them, a few flushes for 40 lines.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (written.toString().lines().count() < published && System.nanoTime() < deadline) {
      Thread.sleep(ConsoleLines.LINGER.toMillis());
    }
    assertThat(written.toString().lines()).hasSize(published);
    assertThat(flushes.get()).isLessThan(published / 2);
    lines.close();
  }

  @Test
  void aFullQueue_neverBlocksTheCaller_andTheLossIsCounted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    StringWriter written = new StringWriter();
    Writer stalled =
        writer(
            written,
            () -> {
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    ConsoleLines lines = new ConsoleLines(stalled, 4);
    lines.setFormatter(MESSAGE);
    int published = 100;
    for (int i = 0; i < published; i++) {
      lines.publish(new LogRecord(Level.INFO, "line " + i));
    }
    release.countDown();
    lines.close();
    long kept = written.toString().lines().filter(line -> line.startsWith("line ")).count();
    long dropped =
        written
            .toString()
            .lines()
            .filter(line -> line.contains("log lines dropped"))
            .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
            .sum();
    assertThat(dropped).isPositive();
    assertThat(kept + dropped).isEqualTo(published);
  }

  /** Keeps what is written in {@code written}; each flush runs {@code onFlush}. */
  private static Writer writer(StringWriter written, Runnable onFlush) {
    return new Writer() {
      @Override
      public void write(char[] chars, int offset, int length) {
        written.write(chars, offset, length);
      }

      @Override
      public void flush() {
        onFlush.run();
      }

      @Override
      public void close() {}
    };
  }
}
