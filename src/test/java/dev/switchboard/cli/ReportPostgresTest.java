package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.Config;
import dev.switchboard.ledger.SettleHook;
import dev.switchboard.ledger.UsageRecords;
import dev.switchboard.ledger.postgresql.PostgresLedgerWriter;
import dev.switchboard.storage.postgresql.PostgresDatabase;
import dev.switchboard.storage.postgresql.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} reads the ledger of the PostgreSQL the config names (cluster mode). */
class ReportPostgresTest {
  @TempDir Path dir;

  @Test
  void reportsFromTheConfiguredPostgresql() throws IOException {
    try (TestPostgres schema = TestPostgres.schema()) {
      try (PostgresDatabase db = PostgresDatabase.open(schema.url());
          PostgresLedgerWriter writer =
              PostgresLedgerWriter.open(
                  db, new Config.Storage(dir.resolve("unused.db")), SettleHook.NONE)) {
        Instant now = Instant.now();
        writer.append(UsageRecords.served("g1", "key_pg", "openai/gpt-5", now, 900, 100, 7)).join();
        writer.append(UsageRecords.served("g2", "key_pg", "openai/gpt-5", now, 50, 50, 5)).join();
      }
      Path config = dir.resolve("switchboard.yaml");
      Files.writeString(
          config,
          "storage:\n  sqlite_path: "
              + dir.resolve("absent.db")
              + "\n  postgresql: \""
              + schema.url()
              + "\"\n");

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit =
          Main.commandLine()
              .setOut(new PrintWriter(out))
              .setErr(new PrintWriter(err))
              .execute("report", "--config", config.toString(), "--by", "key");

      assertThat(exit).as("%s", err).isZero();
      assertThat(err.toString()).contains("using PostgreSQL postgresql://postgres@");
      assertThat(out.toString()).contains("key_pg").contains("1,100");
      assertThat(Files.exists(dir.resolve("absent.db"))).as("no SQLite file made").isFalse();
    }
  }
}
