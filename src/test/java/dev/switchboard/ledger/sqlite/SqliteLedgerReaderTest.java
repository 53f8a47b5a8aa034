package dev.switchboard.ledger.sqlite;

import static dev.switchboard.ledger.UsageRecords.T0;
import static dev.switchboard.ledger.UsageRecords.attempt;
import static dev.switchboard.ledger.UsageRecords.failed;
import static dev.switchboard.ledger.UsageRecords.served;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.ledger.ModelUsage;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlLedgerReaderTest {
  @TempDir Path dir;
  private SqliteDatabase db;
  private SqlLedgerReader reader;

  @BeforeEach
  void open() {
    db = SqliteDatabase.open(dir.resolve("ledger.db"));
    reader = SqlLedgerReader.of(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void sumsSuccessfulRowsPerServedModel_inPeriod_byTokensDescending() {
    Instant hour = T0.plus(Duration.ofHours(1));
    write(
        served("a1", "k", "small", T0, 100, 50, 7),
        served("a2", "k", "small", hour, 200, 25, 3),
        served("b1", "k", "big", T0, 1_000, 0, 1_000),
        served("c1", "k", "tie-b", T0, 10, 0, 1),
        served("c2", "k", "tie-a", T0, 5, 5, 1),
        served("early", "k", "small", T0.minusMillis(1), 999, 999, 999),
        served("late", "k", "small", T0.plus(Duration.ofDays(1)), 999, 999, 999),
        failed("err", "small", T0, 502, "upstream_failed"),
        failed("cut", "small", T0, 200, "stream_truncated"),
        unserved("none", T0));

    List<ModelUsage> usage = reader.usageByModel(T0, T0.plus(Duration.ofDays(1)));

    assertThat(usage)
        .containsExactly(
            new ModelUsage("big", 1, 1_000, 0, 1_000),
            new ModelUsage("small", 2, 300, 75, 10),
            new ModelUsage("tie-a", 1, 5, 5, 1),
            new ModelUsage("tie-b", 1, 10, 0, 1));
  }

  @Test
  void findsARow_exactlyAsWritten() {
    UsageRecord full =
        new UsageRecord(
            "gen-full",
            Instant.parse("2025-06-02T10:00:00.123456789Z"),
            "key_x",
            "auto",
            Optional.of("deepseek-chat"),
            Optional.of("deepseek"),
            1,
            2,
            3,
            8,
            9,
            4,
            true,
            5,
            6,
            OptionalLong.of(7),
            true,
            200,
            Optional.of("none"),
            Optional.empty());
    UsageRecord sparse = unserved("gen-sparse", T0);
    write(full, sparse);

    assertThat(reader.find("gen-full")).contains(full);
    assertThat(full.at()).isEqualTo(Instant.parse("2025-06-02T10:00:00.123Z"));
    assertThat(reader.find("gen-sparse")).contains(sparse);
    assertThat(reader.find("gen-missing")).isEmpty();
  }

  @Test
  void readsAGenerationsAttempts_inOrder_exactlyAsWritten() {
    Attempt refused = attempt("gen-a", 1, "deepinfra", 0);
    Attempt overloaded =
        new Attempt(
            "gen-a",
            2,
            "together",
            "deepseek/deepseek-v3.2",
            Attempt.Outcome.RATE_LIMITED,
            429,
            Optional.of("rate_limited"),
            Instant.parse("2025-06-02T10:00:01.250Z"),
            35,
            OptionalLong.empty(),
            117,
            0);
    Attempt answered = attempt("gen-a", 3, "fireworks", 200);
    try (SqliteLedgerWriter writer = SqliteLedgerWriter.open(db)) {
      // Written out of id order, and with another generation's attempts in the same batch.
      writer.append(served("gen-b", "k", "m", T0, 1, 1, 1), List.of(attempt("gen-b", 1, "x", 200)));
      writer.append(row("gen-a"), List.of(refused, overloaded, answered));
      writer.append(row("gen-none"));
    }

    assertThat(reader.attempts("gen-a")).containsExactly(refused, overloaded, answered);
    assertThat(reader.attempts("gen-a").getFirst().status()).as("no response").isZero();
    assertThat(reader.attempts("gen-b")).extracting(Attempt::providerId).containsExactly("x");
    assertThat(reader.attempts("gen-none")).isEmpty();
    assertThat(reader.attempts("gen-missing")).isEmpty();
  }

  @Test
  void keepsCacheWritesApart_fromReadsAndPrompt_throughSqlite() {
    // Anthropic's documented usage (input 2048, cache reads 1800, 5m writes 456, 1h writes 100) in
    // OpenAI semantics: the prompt counts all four.
    UsageRecord anthropic =
        new UsageRecord(
            "gen-cache",
            T0,
            "key_x",
            "anthropic/claude-sonnet-4.6",
            Optional.of("anthropic/claude-sonnet-4.6"),
            Optional.of("anthropic"),
            4_404,
            503,
            1_800,
            456,
            100,
            0,
            false,
            16_539,
            900,
            OptionalLong.of(300),
            true,
            200,
            Optional.empty(),
            Optional.of("claude-sonnet-4-6"));
    write(anthropic);

    UsageRecord read = reader.find("gen-cache").orElseThrow();
    assertThat(read).isEqualTo(anthropic);
    assertThat(read.cacheWrite5mTokens()).isEqualTo(456);
    assertThat(read.cacheWrite1hTokens()).isEqualTo(100);
    assertThat(reader.recent(1)).containsExactly(anthropic);
  }

  @Test
  void listsRecentRows_newestFirst() {
    write(
        served("r1", "k", "m", T0, 1, 1, 1),
        served("r2", "k", "m", T0.plusSeconds(2), 1, 1, 1),
        served("r3", "k", "m", T0.plusSeconds(1), 1, 1, 1));

    assertThat(reader.recent(2)).extracting(UsageRecord::id).containsExactly("r2", "r3");
    assertThat(reader.recent(10)).extracting(UsageRecord::id).containsExactly("r2", "r3", "r1");
    assertThat(reader.recent(0)).isEmpty();
  }

  private void write(UsageRecord... records) {
    try (SqliteLedgerWriter writer = SqliteLedgerWriter.open(db)) {
      for (UsageRecord record : records) {
        writer.append(record);
      }
    }
  }

  private static UsageRecord row(String id) {
    return served(id, "k", "m", T0, 1, 1, 1);
  }

  private static UsageRecord unserved(String id, Instant at) {
    return new UsageRecord(
        id,
        at,
        "key_x",
        "nope",
        Optional.empty(),
        Optional.empty(),
        0,
        0,
        0,
        0,
        0,
        0,
        false,
        0,
        3,
        OptionalLong.empty(),
        false,
        404,
        Optional.of("model_not_found"),
        Optional.empty());
  }
}
