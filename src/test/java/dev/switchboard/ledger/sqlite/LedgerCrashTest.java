package dev.switchboard.ledger.sqlite;

import static dev.switchboard.storage.SqlProbe.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.Config;
import dev.switchboard.ledger.UsageRecords;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row acknowledged before a SIGKILL is in the database afterwards, and every row there has
 * all its attempts: a kill mid-commit never splits a row from them. Both durabilities promise it:
 * process (commits not yet fsync'd, only written to the WAL) and machine.
 */
class LedgerCrashTest {
  private static final int ACKS_BEFORE_KILL = 2_000;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"process", "machine"})
  void acknowledgedRowsSurviveKill9(String durability) throws Exception {
    Path dbFile = dir.resolve("ledger.db");
    Path ackFile = dir.resolve("acks.txt");
    Process child = startChild(dbFile, ackFile, durability);
    try {
      awaitAcks(child, ackFile);
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
      child.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(child.exitValue()).as("the child was killed, it did not finish").isNotZero();

    List<String> acked = completeLines(ackFile);
    assertThat(acked).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    try (SqliteDatabase db = SqliteDatabase.open(dbFile)) {
      assertThat(query(db, "PRAGMA integrity_check")).isEqualTo("ok");
      long committedBeforeTheKill = Long.parseLong(query(db, "SELECT COUNT(*) FROM requests"));
      // Opening the writer commits what the journal kept: rows acknowledged, not yet committed.
      SqliteLedgerWriter.open(db, storage(dbFile, durability)).close();
      if (durability.equals("machine")) {
        assertThat(query(db, "SELECT COUNT(*) FROM requests"))
            .as("without a journal, nothing to recover")
            .isEqualTo(String.valueOf(committedBeforeTheKill));
      }
      SqlLedgerReader reader = SqlLedgerReader.of(db);
      assertThat(acked).allSatisfy(id -> assertThat(reader.find(id)).as(id).isPresent());
      assertThat(
              query(
                  db,
                  "SELECT COUNT(*) FROM requests r WHERE (SELECT COUNT(*) FROM attempts a"
                      + " WHERE a.generation_id = r.id) != "
                      + LedgerCrashChild.ATTEMPTS))
          .as("rows without all their attempts")
          .isEqualTo("0");
      assertThat(query(db, "SELECT COUNT(*) FROM attempts"))
          .isEqualTo(
              String.valueOf(
                  LedgerCrashChild.ATTEMPTS
                      * Long.parseLong(query(db, "SELECT COUNT(*) FROM requests"))));
    }
  }

  /**
   * The writer runs its batch hook (the rollups) on the rows of about a second at once: the rows a
   * SIGKILL left without it are caught up by the next writer, and no row is counted twice.
   */
  @Test
  void theBatchHookRunsOnEveryRowExactlyOnce_acrossAKill9() throws Exception {
    Path dbFile = dir.resolve("ledger.db");
    Path ackFile = dir.resolve("acks.txt");
    Process child = startChild(dbFile, ackFile, "hook");
    try {
      awaitAcks(child, ackFile);
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
    try (SqliteDatabase db = SqliteDatabase.open(dbFile)) {
      try (SqliteLedgerWriter next =
          SqliteLedgerWriter.open(db, new Config.Storage(dbFile), new CountingHook())) {
        next.append(UsageRecords.row("after-the-kill", "key_crash", 1)).get(10, TimeUnit.SECONDS);
      }
      // Rows the journal kept are committed by the next writer, and the hook counts them too.
      long rows = Long.parseLong(query(db, "SELECT COUNT(*) FROM requests"));
      assertThat(rows).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL + 1);
      assertThat(Long.parseLong(query(db, CountingHook.COUNTED))).isEqualTo(rows);
    }
  }

  private static Config.Storage storage(Path dbFile, String durability) {
    return new Config.Storage(
        dbFile,
        Config.Storage.Durability.valueOf(durability.toUpperCase(java.util.Locale.ROOT)),
        Config.Storage.DEFAULT_SYNC_WINDOW);
  }

  private static Process startChild(Path dbFile, Path ackFile, String durability)
      throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            LedgerCrashChild.class.getName(),
            dbFile.toString(),
            ackFile.toString(),
            durability)
        .redirectErrorStream(true)
        .redirectOutput(dbFile.resolveSibling("child.log").toFile())
        .start();
  }

  private static void awaitAcks(Process child, Path ackFile) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (completeLines(ackFile).size() < ACKS_BEFORE_KILL) {
      if (!child.isAlive()) {
        throw new AssertionError(
            "the child died early: " + Files.readString(ackFile.resolveSibling("child.log")));
      }
      assertThat(Instant.now()).as("child acknowledged rows in time").isBefore(deadline);
      Thread.sleep(20);
    }
  }

  // The line being written at the moment of the kill may be cut short; it was never an ack.
  private static List<String> completeLines(Path ackFile) throws IOException {
    if (!Files.exists(ackFile)) {
      return List.of();
    }
    String text = Files.readString(ackFile, StandardCharsets.UTF_8);
    String complete = text.substring(0, text.lastIndexOf('\n') + 1);
    return complete.isEmpty() ? List.of() : List.of(complete.split("\n"));
  }
}
