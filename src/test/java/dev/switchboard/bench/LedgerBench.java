package dev.switchboard.bench;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.config.Config;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.SettleHook;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.UsageRecords;
import dev.switchboard.ledger.postgresql.PostgresLedgerWriter;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.postgresql.PostgresDatabase;
import dev.switchboard.storage.postgresql.TestPostgres;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Ledger throughput and acknowledgement latency on a real SQLite file (or, with durability {@code
 * postgresql}, in a schema of its own on the test PostgreSQL): {@code appenders} closed loops (as
 * that many client connections would produce), each appending a usage row with one or two attempts
 * (alternately, as the gateway writes them) and appending the next once the previous is
 * acknowledged. The next append is handed to two "event loop" threads, as the gateway hops back to
 * its context. Prints one line: variant, rows/s, attempt rows/s, and the median and p99 of the time
 * from append() to its future completing. Not a test: run with bench/ledger.sh, which alternates
 * the variants (the build before this one included) and prints medians and ratios.
 *
 * <p>Arguments: variant label, durability (default, process, machine, process@MS for a sync window
 * of MS milliseconds, journal: process acknowledged once journaled, as the gateway answers, or
 * postgresql), appenders, warm-up seconds, measured seconds.
 */
public final class LedgerBench {
  private static final int KEYS = 16;
  private static final int EVENT_LOOPS = 2;
  private static final int MAX_SAMPLES = 4_000_000;

  private final LedgerWriter writer;
  private final ExecutorService loops = Executors.newFixedThreadPool(EVENT_LOOPS);
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong attemptRows = new AtomicLong();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final long[] latencies = new long[MAX_SAMPLES];
  private final AtomicLong samples = new AtomicLong();
  private volatile boolean measuring;
  private final boolean journaled;

  private LedgerBench(LedgerWriter writer, boolean journaled) {
    this.writer = writer;
    this.journaled = journaled;
  }

  public static void main(String[] args) throws Exception {
    String variant = args[0];
    String durability = args[1];
    int appenders = Integer.parseInt(args[2]);
    long warmUpSeconds = Long.parseLong(args[3]);
    long measureSeconds = Long.parseLong(args[4]);
    if (durability.equals("postgresql")) {
      try (TestPostgres schema = TestPostgres.schema();
          PostgresDatabase db = PostgresDatabase.open(schema.url())) {
        seedKeys(db);
        Config.Storage unused = new Config.Storage(Path.of("unused.db"));
        try (LedgerWriter writer = PostgresLedgerWriter.open(db, unused, SettleHook.NONE)) {
          report(variant, appenders, new LedgerBench(writer, false), warmUpSeconds, measureSeconds);
        }
      }
      System.exit(0);
    }
    Path dir = Files.createTempDirectory("ledger-bench");
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("ledger.db"))) {
      seedKeys(db);
      boolean journaled = durability.equals("journal");
      try (LedgerWriter writer = LedgerWriters.open(db, journaled ? "process" : durability)) {
        report(
            variant, appenders, new LedgerBench(writer, journaled), warmUpSeconds, measureSeconds);
      }
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir);
    }
    System.exit(0);
  }

  private static void report(
      String variant, int appenders, LedgerBench bench, long warmUp, long measure)
      throws Exception {
    String result = bench.run(appenders, warmUp, measure);
    System.out.println(variant + " appenders=" + appenders + " " + result);
  }

  private String run(int appenders, long warmUpSeconds, long measureSeconds) throws Exception {
    for (int i = 0; i < appenders; i++) {
      loops.execute(this::appendNext);
    }
    Thread.sleep(TimeUnit.SECONDS.toMillis(warmUpSeconds));
    long rows0 = rows.get();
    long attempts0 = attemptRows.get();
    long start = System.nanoTime();
    measuring = true;
    Thread.sleep(TimeUnit.SECONDS.toMillis(measureSeconds));
    measuring = false;
    double seconds = (System.nanoTime() - start) / 1e9;
    long measuredRows = rows.get() - rows0;
    long measuredAttempts = attemptRows.get() - attempts0;
    stopped.set(true);
    loops.shutdown();
    loops.awaitTermination(10, TimeUnit.SECONDS);
    long[] sorted = Arrays.copyOf(latencies, (int) Math.min(samples.get(), MAX_SAMPLES));
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "rows_per_s=%.0f attempt_rows_per_s=%.0f ack_p50_us=%.1f ack_p99_us=%.1f",
        measuredRows / seconds,
        measuredAttempts / seconds,
        percentile(sorted, 0.50) / 1e3,
        percentile(sorted, 0.99) / 1e3);
  }

  // One closed loop's step: runs on an "event loop" thread, as Settlement appends from one.
  private void appendNext() {
    if (stopped.get()) {
      return;
    }
    long n = sequence.incrementAndGet();
    String id = "gen-bench-" + n;
    UsageRecord row = UsageRecords.row(id, "key_" + (n % KEYS), 1_234);
    List<Attempt> attempts =
        n % 2 == 0
            ? List.of(UsageRecords.attempt(id, 1, "prov", 200))
            : List.of(
                UsageRecords.attempt(id, 1, "down", 0), UsageRecords.attempt(id, 2, "prov", 200));
    long appendedAt = System.nanoTime();
    // Journaled: acknowledged once durable, as a response ends; the loop goes on once committed.
    LedgerWriter.Written written =
        journaled
            ? writer.write(row, attempts)
            : new LedgerWriter.Written(
                writer.append(row, attempts), CompletableFuture.completedFuture(null));
    written
        .durable()
        .thenCombine(written.committed(), (durable, committed) -> durable)
        .whenComplete((ok, failure) -> stepped(failure, attempts.size()));
    written.durable().thenRun(() -> sample(System.nanoTime() - appendedAt));
  }

  private void sample(long latency) {
    if (measuring) {
      long slot = samples.getAndIncrement();
      if (slot < MAX_SAMPLES) {
        latencies[(int) slot] = latency;
      }
    }
  }

  private void stepped(@Nullable Throwable failure, int attempts) {
    if (failure != null) {
      failure.printStackTrace();
      stopped.set(true);
      return;
    }
    rows.incrementAndGet();
    attemptRows.addAndGet(attempts);
    if (!stopped.get()) {
      loops.execute(this::appendNext);
    }
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
  }

  // The ledger charges each row's cost to its key, so the keys exist as in a real gateway.
  private static void seedKeys(Database db) throws SQLException {
    try (Connection c = db.connection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO api_keys (id, name, key_hash, hint, created_at) VALUES (?, ?, ?, ?,"
                    + " ?)")) {
      for (int i = 0; i < KEYS; i++) {
        insert.setString(1, "key_" + i);
        insert.setString(2, "bench-" + i);
        insert.setString(3, "hash-" + i);
        insert.setString(4, "sk-...." + i);
        insert.setLong(5, Instant.now().toEpochMilli());
        insert.executeUpdate();
      }
    }
  }
}
