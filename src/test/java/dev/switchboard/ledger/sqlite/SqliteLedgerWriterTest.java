package dev.switchboard.ledger.sqlite;

import static dev.switchboard.ledger.UsageRecords.attempt;
import static dev.switchboard.ledger.UsageRecords.row;
import static dev.switchboard.storage.SqlProbe.execute;
import static dev.switchboard.storage.SqlProbe.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLedgerWriterTest {
  private static final int THREADS = 8;

  @TempDir Path dir;
  private SqliteDatabase db;
  private SqliteLedgerWriter writer;

  @BeforeEach
  void open() {
    db = SqliteDatabase.open(dir.resolve("ledger.db"));
    writer = SqliteLedgerWriter.open(db);
  }

  @AfterEach
  void close() {
    writer.close();
    db.close();
  }

  @Test
  void commitsEveryRow_whenManyThreadsAppendAtOnce() throws Exception {
    List<CompletableFuture<Void>> acks =
        appendConcurrently(1_000, i -> row("gen-" + i, "key_a", 1));

    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    assertThat(query(db, "SELECT COUNT(DISTINCT id) FROM requests")).isEqualTo("1000");
    assertThat(writer.rowsCommitted()).isEqualTo(1_000);
  }

  @Test
  void groupsQueuedRows_intoOneTransaction_andAcksOnlyAfterCommit() throws Exception {
    List<CompletableFuture<Void>> acks;
    try (Connection blocker = db.connection();
        Statement lock = blocker.createStatement()) {
      lock.execute("BEGIN IMMEDIATE"); // the writer now waits for the lock, its queue fills up
      acks = appendConcurrently(1_000, i -> row("gen-" + i, "key_a", 1));
      Thread.sleep(100);
      assertThat(acks)
          .as("nothing may be acknowledged before it is committed")
          .noneMatch(CompletableFuture::isDone);
      lock.execute("COMMIT");
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    // The first batch may have taken only the first rows before the lock wait; the rest is one
    // more.
    assertThat(writer.batchesCommitted()).isBetween(1L, 2L);
    assertThat(query(db, "SELECT COUNT(*) FROM requests")).isEqualTo("1000");
  }

  @Test
  void rowIsVisibleToAnotherConnection_assoonAsItsFutureCompletes() throws Exception {
    Queue<String> missing = new ConcurrentLinkedQueue<>();
    try (SqliteDatabase other = SqliteDatabase.open(dir.resolve("ledger.db"))) {
      SqlLedgerReader reader = SqlLedgerReader.of(other);
      List<CompletableFuture<Void>> checks = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String id = "gen-" + i;
        checks.add(
            writer
                .append(row(id, "key_a", 1))
                .thenRun(
                    () -> {
                      if (reader.find(id).isEmpty()) {
                        missing.add(id);
                      }
                    }));
      }
      CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void keySpendEqualsTheSumOfItsRows() throws Exception {
    for (String key : List.of("key_a", "key_b", "key_c")) {
      execute(
          db,
          "INSERT INTO api_keys (id, name, key_hash, hint, created_at)"
              + " VALUES ('"
              + key
              + "', '"
              + key
              + "', 'hash-"
              + key
              + "', 'h', 0)");
    }
    Map<String, Long> expected = new ConcurrentHashMap<>();
    Random random = new Random(42);
    long[] costs = random.longs(600, 0, 5_000_000).toArray();
    List<CompletableFuture<Void>> acks =
        appendConcurrently(
            600,
            i -> {
              String key = List.of("key_a", "key_b", "key_c").get(i % 3);
              expected.merge(key, costs[i], Long::sum);
              return row("gen-" + i, key, costs[i]);
            });
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    for (String key : expected.keySet()) {
      String spent = query(db, "SELECT spent_micros FROM api_keys WHERE id = '" + key + "'");
      String rows = query(db, "SELECT SUM(cost_micros) FROM requests WHERE key_id = '" + key + "'");
      assertThat(spent).isEqualTo(rows).isEqualTo(String.valueOf(expected.get(key)));
    }
  }

  @Test
  void duplicateIdFailsOnlyThatRow_andIsNotCharged() throws Exception {
    execute(
        db,
        "INSERT INTO api_keys (id, name, key_hash, hint, created_at)"
            + " VALUES ('key_a', 'a', 'h1', 'h', 0)");
    writer.append(row("gen-dup", "key_a", 100)).get(5, TimeUnit.SECONDS);
    CompletableFuture<Void> first;
    CompletableFuture<Void> duplicate;
    CompletableFuture<Void> twiceInBatch;
    CompletableFuture<Void> last;
    try (Connection blocker = db.connection();
        Statement lock = blocker.createStatement()) {
      lock.execute("BEGIN IMMEDIATE"); // so the four rows below share a batch
      first = writer.append(row("gen-1", "key_a", 10));
      duplicate = writer.append(row("gen-dup", "key_a", 1_000));
      twiceInBatch = writer.append(row("gen-1", "key_a", 1_000));
      last = writer.append(row("gen-2", "key_a", 20));
      lock.execute("COMMIT");
    }

    first.get(5, TimeUnit.SECONDS);
    last.get(5, TimeUnit.SECONDS);
    assertThat(duplicate)
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(StorageException.class)
        .withMessageContaining("gen-dup");
    assertThat(twiceInBatch).failsWithin(5, TimeUnit.SECONDS);
    assertThat(query(db, "SELECT COUNT(*) FROM requests")).isEqualTo("3");
    assertThat(query(db, "SELECT spent_micros FROM api_keys WHERE id = 'key_a'")).isEqualTo("130");
  }

  @Test
  void commitsEachRowsAttempts_inTheRowsBatch() throws Exception {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    try (Connection blocker = db.connection();
        Statement lock = blocker.createStatement()) {
      lock.execute("BEGIN IMMEDIATE"); // so the rows below share a batch
      for (int i = 0; i < 300; i++) {
        acks.add(writer.append(row("gen-" + i, "key_a", 1), attempts("gen-" + i, i % 4)));
      }
      lock.execute("COMMIT");
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    assertThat(writer.batchesCommitted()).isBetween(1L, 2L);
    assertThat(query(db, "SELECT COUNT(*) FROM attempts")).isEqualTo("450"); // 75 * (0+1+2+3)
    assertThat(query(db, "SELECT COUNT(*) FROM attempts WHERE generation_id = 'gen-7'"))
        .isEqualTo("3");
  }

  @Test
  void aRowThatFails_takesItsAttemptsWithIt_andSparesTheBatch() throws Exception {
    writer.append(row("gen-dup", "key_a", 1), attempts("gen-dup", 1)).get(5, TimeUnit.SECONDS);
    CompletableFuture<Void> duplicate;
    CompletableFuture<Void> other;
    try (Connection blocker = db.connection();
        Statement lock = blocker.createStatement()) {
      lock.execute("BEGIN IMMEDIATE");
      duplicate = writer.append(row("gen-dup", "key_a", 1), attempts("gen-dup", 3));
      other = writer.append(row("gen-ok", "key_a", 1), attempts("gen-ok", 2));
      lock.execute("COMMIT");
    }

    other.get(5, TimeUnit.SECONDS);
    assertThat(duplicate).failsWithin(5, TimeUnit.SECONDS);
    assertThat(query(db, "SELECT COUNT(*) FROM attempts WHERE generation_id = 'gen-dup'"))
        .as("the first row's attempt, none of the duplicate's")
        .isEqualTo("1");
    assertThat(query(db, "SELECT COUNT(*) FROM attempts WHERE generation_id = 'gen-ok'"))
        .isEqualTo("2");
  }

  @Test
  void refusesAttemptsThatAreNotTheRowsInOrder_atOnce() throws SQLException {
    Attempt second = attempt("gen-1", 2, "p", 200);
    List<List<Attempt>> wrong =
        List.of(
            List.of(attempt("gen-other", 1, "p", 200)),
            List.of(second, attempt("gen-1", 1, "p", 500)),
            List.of(second, second),
            List.of(attempt("gen-1", 0, "p", 200)),
            List.of(attempt("gen-1", 1, "p", 42)));
    for (List<Attempt> attempts : wrong) {
      assertThat(writer.append(row("gen-1", "key_a", 1), attempts))
          .as("%s", attempts)
          .isCompletedExceptionally();
    }
    assertThatThrownBy(() -> writer.append(row("gen-1", "key_a", 1), wrong.getFirst()).join())
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another generation");
    writer.close();
    assertThat(query(db, "SELECT COUNT(*) FROM requests")).isEqualTo("0");
  }

  @Test
  void closeCommitsEverythingQueued() throws SQLException {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      acks.add(writer.append(row("gen-" + i, "key_a", 1)));
    }
    writer.close();

    assertThat(acks).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(query(db, "SELECT COUNT(*) FROM requests")).isEqualTo("500");
  }

  @Test
  void appendAfterCloseFails() {
    writer.close();
    writer.close();

    assertThat(writer.append(row("late", "key_a", 1))).isCompletedExceptionally();
  }

  /** Attempts 1..count of a generation: failures, then an answer. */
  private static List<Attempt> attempts(String id, int count) {
    List<Attempt> attempts = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      attempts.add(attempt(id, n, "p" + n, n == count ? 200 : 503));
    }
    return attempts;
  }

  private List<CompletableFuture<Void>> appendConcurrently(
      int count, java.util.function.IntFunction<dev.switchboard.ledger.UsageRecord> rows)
      throws InterruptedException {
    List<CompletableFuture<Void>> acks = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        pool.execute(
            () -> {
              for (int i = thread; i < count; i += THREADS) {
                acks.add(writer.append(rows.apply(i)));
              }
            });
      }
    }
    return acks;
  }
}
