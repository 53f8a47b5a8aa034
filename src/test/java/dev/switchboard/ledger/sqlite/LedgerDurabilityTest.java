package dev.switchboard.ledger.sqlite;

import static dev.switchboard.ledger.UsageRecords.attempt;
import static dev.switchboard.ledger.UsageRecords.row;
import static dev.switchboard.storage.SqlProbe.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.Config;
import dev.switchboard.config.Config.Storage.Durability;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise as the writer reports it, on a real file with the real syncer thread: with
 * process durability a row is acknowledged once committed and counted durable once the WAL was
 * fsync'd, which happens within the sync window of its commit and never while idle; with machine
 * durability every acknowledged row is already durable. (That a process kill loses no acknowledged
 * row is {@link LedgerCrashTest}.)
 */
class LedgerDurabilityTest {
  private static final Duration SHORT_WINDOW = Duration.ofMillis(20);
  // Generous: the window is 20 ms, but the machine is shared.
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir Path dir;
  private SqliteDatabase db;
  private final List<SqliteLedgerWriter> writers = new ArrayList<>();

  @BeforeEach
  void open() {
    db = SqliteDatabase.open(dir.resolve("ledger.db"));
  }

  @AfterEach
  void close() {
    writers.forEach(SqliteLedgerWriter::close);
    db.close();
  }

  @Test
  void processDurability_syncsCommittedRowsWithinTheWindow_andNeverWhileIdle() throws Exception {
    SqliteLedgerWriter writer = writer(Durability.PROCESS, SHORT_WINDOW);

    appendAndAwait(writer, 0, 500);
    awaitTrue(() -> writer.rowsDurable() == 500, "the WAL sync covers all 500 rows");
    long syncs = writer.walSyncs();
    assertThat(syncs).isBetween(1L, 500L);

    Thread.sleep(SHORT_WINDOW.toMillis() * 20); // twenty windows with nothing committed
    assertThat(writer.walSyncs()).as("no sync while idle").isEqualTo(syncs);

    appendAndAwait(writer, 500, 1);
    awaitTrue(() -> writer.rowsDurable() == 501, "the next commit is synced too");
    assertThat(writer.walSyncs()).as("one commit, one sync").isEqualTo(syncs + 1);
  }

  @Test
  void processDurability_acknowledgesOnCommit_beforeTheSync_andCloseSyncsTheRest()
      throws Exception {
    SqliteLedgerWriter writer = writer(Durability.PROCESS, Duration.ofMinutes(1));

    appendAndAwait(writer, 0, 100);

    assertThat(query(db, "SELECT COUNT(*) FROM requests")).as("committed").isEqualTo("100");
    assertThat(writer.rowsCommitted()).isEqualTo(100);
    assertThat(writer.rowsDurable()).as("the window has a minute to run").isZero();
    assertThat(writer.walSyncs()).isZero();

    writer.close();

    assertThat(writer.rowsDurable()).as("close syncs what is left").isEqualTo(100);
    assertThat(writer.walSyncs()).isEqualTo(1);
  }

  @Test
  void theWriterGathersRowsForAFifthOfTheWindow_atMost10Ms_andTheSyncWaitsTheRest() {
    assertThat(WalSyncer.gatheringWithin(Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(10));
    assertThat(WalSyncer.gatheringWithin(SHORT_WINDOW)).isEqualTo(Duration.ofMillis(4));
    assertThat(WalSyncer.gatheringWithin(Duration.ofMinutes(1))).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void machineDurability_acknowledgesOnlyDurableRows_withoutAWalSync() throws Exception {
    SqliteLedgerWriter writer = writer(Durability.MACHINE, SHORT_WINDOW);

    appendAndAwait(writer, 0, 200);

    assertThat(writer.rowsDurable()).isEqualTo(writer.rowsCommitted()).isEqualTo(200);
    assertThat(writer.walSyncs()).as("SQLite fsyncs each commit itself").isZero();
  }

  private SqliteLedgerWriter writer(Durability durability, Duration window) {
    SqliteLedgerWriter writer =
        SqliteLedgerWriter.open(db, new Config.Storage(db.file(), durability, window));
    writers.add(writer);
    return writer;
  }

  private static void appendAndAwait(SqliteLedgerWriter writer, int from, int count)
      throws Exception {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      String id = "gen-" + i;
      acks.add(writer.append(row(id, "key_a", 1), List.of(attempt(id, 1, "prov", 200))));
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.sleep(5);
    }
  }
}
