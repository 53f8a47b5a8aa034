package dev.switchboard.ledger.postgresql;

import static dev.switchboard.ledger.UsageRecords.attempt;
import static dev.switchboard.ledger.UsageRecords.row;
import static dev.switchboard.storage.SqlProbe.execute;
import static dev.switchboard.storage.SqlProbe.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.config.Config;
import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.SettleHook;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.storage.TcpProxy;
import dev.switchboard.storage.postgresql.PostgresDatabase;
import dev.switchboard.storage.postgresql.TestPostgres;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL ledger writer: rows, attempts, key spend and the settle hook in one commit. */
class PostgresLedgerWriterTest {
  private static final Config.Storage STORAGE = new Config.Storage(Path.of("unused.db"));
  // The hook of these tests: records what it settled, in the row's transaction.
  private static final SettleHook RECORD_SETTLEMENT =
      (c, row) -> {
        if (row.id().startsWith("poison")) {
          throw new SQLException("the budget refuses " + row.id(), "P0001");
        }
        try (PreparedStatement insert =
            c.prepareStatement("INSERT INTO settled (reservation_id, cost) VALUES (?, ?)")) {
          insert.setString(1, row.reservationId().orElseThrow());
          insert.setLong(2, row.costMicros());
          insert.executeUpdate();
        }
      };

  private TestPostgres schema;
  private PostgresDatabase db;
  private PostgresLedgerWriter writer;

  @BeforeEach
  void open() throws SQLException {
    schema = TestPostgres.schema();
    db = PostgresDatabase.open(schema.url());
    execute(db, "CREATE TABLE settled (reservation_id TEXT PRIMARY KEY, cost BIGINT NOT NULL)");
    writer = PostgresLedgerWriter.open(db, STORAGE, RECORD_SETTLEMENT);
  }

  @AfterEach
  void close() {
    writer.close();
    db.close();
    schema.close();
  }

  @Test
  void writesRowsWithAttempts_readBackEqual() throws Exception {
    UsageRecord written =
        row("gen-1", "key_a", 1_234)
            .withHandling(new DataHandling("regulated", "policy.x", "redact", List.of("EMAIL")))
            .withSessionId(Optional.of("session-9"))
            .withReservationId(Optional.of("res-1"));
    List<Attempt> attempts =
        List.of(attempt("gen-1", 1, "p1", 503), attempt("gen-1", 2, "p2", 200));

    writer.append(written, attempts).get(10, TimeUnit.SECONDS);

    SqlLedgerReader reader = SqlLedgerReader.of(db);
    assertThat(reader.find("gen-1")).contains(written);
    assertThat(reader.attempts("gen-1")).isEqualTo(attempts);
    assertThat(reader.recent(5)).containsExactly(written);
    assertThat(query(db, "SELECT cost FROM settled WHERE reservation_id = 'res-1'"))
        .isEqualTo("1234");
  }

  @Test
  void chargesKeys_andSettlesOnlyReservedRows() throws Exception {
    execute(
        db,
        "INSERT INTO api_keys (id, name, key_hash, hint, spent_micros, created_at)"
            + " VALUES ('key_a', 'a', 'h', 'sk…', 0, 0)");
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      UsageRecord r = row("gen-" + i, "key_a", 10 + i);
      acks.add(writer.append(i % 2 == 0 ? r.withReservationId(Optional.of("res-" + i)) : r));
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    long total = 50 * 10 + 49 * 50 / 2;
    assertThat(query(db, "SELECT spent_micros FROM api_keys WHERE id = 'key_a'"))
        .isEqualTo(String.valueOf(total));
    assertThat(query(db, "SELECT COUNT(*) || ' ' || SUM(cost) FROM settled"))
        .isEqualTo("25 " + (25 * 10 + 2 * (24 * 25 / 2)));
  }

  @Test
  void aRowTheHookRefuses_failsAlone_andLeavesNoTrace() throws Exception {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String id = i == 7 ? "poison-7" : "gen-" + i;
      acks.add(writer.append(row(id, "key_a", 5).withReservationId(Optional.of("res-" + i))));
    }
    for (int i = 0; i < 20; i++) {
      if (i == 7) {
        assertThatThrownBy(acks.get(i)::join).hasCauseInstanceOf(StorageException.class);
      } else {
        acks.get(i).get(10, TimeUnit.SECONDS);
      }
    }
    assertThat(query(db, "SELECT COUNT(*) FROM requests")).isEqualTo("19");
    assertThat(query(db, "SELECT COUNT(*) FROM requests WHERE id = 'poison-7'")).isEqualTo("0");
    assertThat(query(db, "SELECT COUNT(*) FROM settled")).isEqualTo("19");
  }

  @Test
  void aDuplicateIdFailsOnlyItsOwnAppend() throws Exception {
    writer.append(row("gen-dup", "key_a", 1)).get(10, TimeUnit.SECONDS);
    CompletableFuture<Void> again = writer.append(row("gen-dup", "key_a", 1));
    CompletableFuture<Void> other = writer.append(row("gen-other", "key_a", 1));

    assertThatThrownBy(again::join).hasCauseInstanceOf(StorageException.class);
    other.get(10, TimeUnit.SECONDS);
    assertThat(query(db, "SELECT COUNT(*) FROM requests")).isEqualTo("2");
  }

  @Test
  void commitsEveryRow_whenManyThreadsAppendAtOnce_inFewTransactions() throws Exception {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
      List<CompletableFuture<CompletableFuture<Void>>> submitted = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        int n = i;
        submitted.add(
            CompletableFuture.supplyAsync(
                () -> writer.append(row("gen-" + n, "key_" + n % 7, 1)), threads));
      }
      submitted.forEach(f -> acks.add(f.join()));
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    assertThat(query(db, "SELECT COUNT(DISTINCT id) FROM requests")).isEqualTo("2000");
    assertThat(writer.rowsCommitted()).isEqualTo(2_000);
    assertThat(writer.batchesCommitted()).isLessThan(2_000);
  }

  @Test
  void failsFastWhileTheServerIsGone_andWritesAgainAfter() throws Exception {
    try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432);
        PostgresDatabase viaProxy =
            PostgresDatabase.open(schema.url().replace(":5432/", ":" + proxy.port() + "/"))) {
      PostgresLedgerWriter flaky = PostgresLedgerWriter.open(viaProxy, STORAGE, SettleHook.NONE);
      try {
        flaky.append(row("before", "key_a", 1)).get(10, TimeUnit.SECONDS);

        proxy.stop();
        long start = System.nanoTime();
        CompletableFuture<Void> lost = flaky.append(row("during", "key_a", 1));
        assertThatThrownBy(() -> lost.get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(StorageException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        proxy.start();
        awaitAppended(flaky, "after");
      } finally {
        flaky.close();
      }
    }
    assertThat(query(db, "SELECT string_agg(id, ',' ORDER BY id) FROM requests"))
        .isEqualTo("after,before");
  }

  @Test
  void anAcknowledgedRowOutlivesItsWriter() throws Exception {
    PostgresLedgerWriter abandoned = PostgresLedgerWriter.open(db, STORAGE, SettleHook.NONE);
    abandoned.append(row("kept", "key_a", 3)).get(10, TimeUnit.SECONDS);
    // Never closed, as after kill -9: the commit is the server's, a fresh pool reads it.
    try (PostgresDatabase fresh = PostgresDatabase.open(schema.url())) {
      assertThat(SqlLedgerReader.of(fresh).find("kept")).isPresent();
    }
    abandoned.close();
  }

  @Test
  void refusesAnSqliteDatabase(@TempDir Path dir) {
    try (SqliteDatabase sqlite = SqliteDatabase.open(dir.resolve("x.db"))) {
      assertThatThrownBy(() -> PostgresLedgerWriter.open(sqlite, STORAGE, SettleHook.NONE))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static void awaitAppended(PostgresLedgerWriter writer, String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        writer.append(row(id, "key_a", 1)).get(10, TimeUnit.SECONDS);
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
