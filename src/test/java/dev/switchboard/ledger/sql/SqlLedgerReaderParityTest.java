package dev.switchboard.ledger.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.Config;
import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.SettleHook;
import dev.switchboard.ledger.SpendGroup;
import dev.switchboard.ledger.SpendQuery;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.UsageRecords;
import dev.switchboard.ledger.postgresql.PostgresLedgerWriter;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.storage.postgresql.PostgresDatabase;
import dev.switchboard.storage.postgresql.TestPostgres;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same rows written through each engine's writer read back the same through the one reader:
 * every spend grouping (with and without a range and a key), usage by model, spent per key and
 * session, the newest rows, the request log.
 */
class SqlLedgerReaderParityTest {
  private static final List<String> KEYS = List.of("key_a", "key_b", "key_c");
  private static final List<String> MODELS = List.of("m1", "m2", "m3", "m4");

  @TempDir Path dir;

  @Test
  void bothEnginesAnswerTheSame() throws Exception {
    List<UsageRecord> rows = randomRows(new SplittableRandom(42), 400);
    Config.Storage storage = new Config.Storage(dir.resolve("ledger.db"));
    try (TestPostgres schema = TestPostgres.schema();
        PostgresDatabase pg = PostgresDatabase.open(schema.url());
        SqliteDatabase sqlite = SqliteDatabase.open(storage.sqlitePath())) {
      try (LedgerWriter toPg = PostgresLedgerWriter.open(pg, storage, SettleHook.NONE);
          LedgerWriter toSqlite = SqliteLedgerWriter.open(sqlite, storage)) {
        appendAll(toPg, rows);
        appendAll(toSqlite, rows);
      }
      SqlLedgerReader a = SqlLedgerReader.of(sqlite);
      SqlLedgerReader b = SqlLedgerReader.of(pg);
      Instant from = UsageRecords.T0.plus(Duration.ofDays(2));
      Instant to = UsageRecords.T0.plus(Duration.ofDays(6));
      for (SpendGroup group : SpendGroup.values()) {
        SpendQuery all = SpendQuery.of(group);
        SpendQuery some = all.between(Optional.of(from), Optional.of(to)).ofKey("key_b");
        assertThat(b.spend(all)).as("%s", group).isEqualTo(a.spend(all)).isNotEmpty();
        assertThat(b.spend(some)).as("%s of key_b", group).isEqualTo(a.spend(some));
      }
      assertThat(b.usageByModel(from, to)).isEqualTo(a.usageByModel(from, to)).isNotEmpty();
      assertThat(b.recent(25)).isEqualTo(a.recent(25));
      Optional<String> none = Optional.empty();
      assertThat(b.log(25, none, none)).isEqualTo(a.log(25, none, none)).hasSize(25);
      Optional<String> cursor = Optional.of(rows.get(rows.size() - 40).id());
      assertThat(b.log(500, Optional.of("key_a"), cursor))
          .isEqualTo(a.log(500, Optional.of("key_a"), cursor))
          .isNotEmpty()
          .allMatch(r -> r.keyId().equals("key_a"));
      for (String key : KEYS) {
        for (Optional<String> session : List.of(Optional.<String>empty(), Optional.of("s1"))) {
          long expected =
              rows.stream()
                  .filter(r -> r.keyId().equals(key) && !r.at().isBefore(from))
                  .filter(r -> session.isEmpty() || r.sessionId().equals(session))
                  .mapToLong(UsageRecord::costMicros)
                  .sum();
          assertThat(a.spentMicros(key, from, session))
              .as("%s %s", key, session)
              .isEqualTo(expected);
          assertThat(b.spentMicros(key, from, session))
              .as("%s %s", key, session)
              .isEqualTo(expected);
        }
      }
    }
  }

  private static void appendAll(LedgerWriter writer, List<UsageRecord> rows) throws Exception {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    rows.forEach(r -> acks.add(writer.append(r)));
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
  }

  private static List<UsageRecord> randomRows(SplittableRandom random, int count) {
    List<UsageRecord> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String model = MODELS.get(random.nextInt(MODELS.size()));
      Instant at = UsageRecords.T0.plusMillis(random.nextLong(Duration.ofDays(8).toMillis()));
      UsageRecord r =
          random.nextInt(5) == 0
              ? UsageRecords.failed("gen-" + i, model, at, 502, "upstream_failed")
              : UsageRecords.served(
                  "gen-" + i,
                  KEYS.get(random.nextInt(KEYS.size())),
                  model,
                  at,
                  random.nextInt(100_000),
                  random.nextInt(10_000),
                  random.nextLong(5_000_000));
      String dataClass = DataHandling.CLASSES.get(random.nextInt(DataHandling.CLASSES.size()));
      rows.add(
          r.withHandling(new DataHandling(dataClass, "", "route", List.of()))
              .withSessionId(
                  random.nextBoolean() ? Optional.of("s" + random.nextInt(3)) : Optional.empty()));
    }
    return rows;
  }
}
