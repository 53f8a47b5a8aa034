package dev.switchboard.ledger.postgresql;

import static dev.switchboard.storage.SqlProbe.execute;
import static dev.switchboard.storage.SqlProbe.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.storage.postgresql.PostgresDatabase;
import dev.switchboard.storage.postgresql.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a node while it writes: every row it acknowledged is in PostgreSQL, and every row
 * there came with all its attempts and exactly one settlement of its reservation (the row, its
 * attempts and its settlement commit together or not at all).
 */
class PostgresLedgerCrashTest {
  private static final int ACKS_BEFORE_KILL = 2_000;

  @TempDir Path dir;

  @Test
  void acknowledgedRowsSurviveKill9_withTheirAttemptsAndSettlement() throws Exception {
    try (TestPostgres schema = TestPostgres.schema()) {
      try (PostgresDatabase db = PostgresDatabase.open(schema.url())) {
        execute(db, "CREATE TABLE settled (reservation_id TEXT PRIMARY KEY, cost BIGINT)");
      }
      Path ackFile = dir.resolve("acks.txt");
      Process child = startChild(schema.url(), ackFile);
      try {
        awaitAcks(child, ackFile);
      } finally {
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
        child.waitFor(10, TimeUnit.SECONDS);
      }
      assertThat(child.exitValue()).as("the child was killed, it did not finish").isNotZero();

      List<String> acked = completeLines(ackFile);
      assertThat(acked).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
      try (PostgresDatabase db = PostgresDatabase.open(schema.url())) {
        Set<String> stored = ids(schema, "SELECT id FROM requests");
        assertThat(stored).containsAll(acked);
        assertThat(
                query(
                    db,
                    "SELECT COUNT(*) FROM requests r WHERE (SELECT COUNT(*) FROM attempts a"
                        + " WHERE a.generation_id = r.id) != "
                        + PostgresLedgerCrashChild.ATTEMPTS))
            .as("rows without all their attempts")
            .isEqualTo("0");
        assertThat(ids(schema, "SELECT substr(reservation_id, 5) FROM settled"))
            .as("settled exactly the stored rows")
            .isEqualTo(stored);
      }
    }
  }

  private static Set<String> ids(TestPostgres schema, String sql) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection c = schema.connect();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  private static Process startChild(String url, Path ackFile) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            PostgresLedgerCrashChild.class.getName(),
            url,
            ackFile.toString())
        .redirectErrorStream(true)
        .redirectOutput(ackFile.resolveSibling("child.log").toFile())
        .start();
  }

  private static void awaitAcks(Process child, Path ackFile) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
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
