package dev.switchboard.insight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.insight.ClassSpend;
import dev.switchboard.insight.Dimension;
import dev.switchboard.insight.Insight;
import dev.switchboard.insight.Period;
import dev.switchboard.insight.RankedItem;
import dev.switchboard.insight.Rankings;
import dev.switchboard.insight.Scope;
import dev.switchboard.insight.energy.EnergyModel;
import dev.switchboard.insight.rollup.Rollup;
import dev.switchboard.insight.rollup.RowNames;
import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.SettleHook;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.postgresql.PostgresLedgerWriter;
import dev.switchboard.ledger.sql.BatchHook;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.postgresql.PostgresDatabase;
import dev.switchboard.storage.postgresql.TestPostgres;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import dev.switchboard.wire.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollups written by each engine's ledger writer (PostgreSQL: in the rows' transaction; SQLite:
 * about once a second, caught up for a reader) answer exactly what the raw rows add up to, for
 * every dimension and a key's scope; the backfill of rows written before the rollups gives the same
 * rollups, once.
 */
class RollupEnginesTest {
  static final Catalog CATALOG = Catalog.load(Catalog.shippedTree(), Json.object());
  static final Instant NOW = Instant.parse("2026-12-06T07:30:00Z");
  private static final List<String> MODELS =
      List.of(
          "deepseek/deepseek-v3.2",
          "moonshotai/kimi-k2.5",
          "anthropic/claude-opus-4.6",
          "openai/gpt-5-mini",
          "unknown/model");
  private static final List<String> PROVIDERS = List.of("deepseek", "together", "anthropic");
  private static final List<String> APPS = List.of("Claude Code", "Cline", "");
  private static final List<String> CATEGORIES = List.of("programming", "chat", "translation");

  @TempDir Path dir;

  @Test
  void sqliteRollups_whileTheWriterRuns_areCaughtUpForEveryReport() throws Exception {
    List<UsageRecord> rows = randomRows(new SplittableRandom(11), 300);
    Config.Storage storage = new Config.Storage(dir.resolve("ledger.db"));
    try (SqliteDatabase db = SqliteDatabase.open(storage.sqlitePath());
        LedgerWriter writer = SqliteLedgerWriter.open(db, storage, hook())) {
      appendAll(writer, rows);
      checkAgainstRows(
          new RollupInsight(db, CATALOG, new EnergyModel(CATALOG).pricing(), writer::caughtUp),
          rows);
    }
  }

  @Test
  void sqliteRollupsAddUpToTheRows() throws Exception {
    List<UsageRecord> rows = randomRows(new SplittableRandom(7), 600);
    Config.Storage storage = new Config.Storage(dir.resolve("ledger.db"));
    try (SqliteDatabase db = SqliteDatabase.open(storage.sqlitePath())) {
      try (LedgerWriter writer = SqliteLedgerWriter.open(db, storage, hook())) {
        appendAll(writer, rows);
      }
      checkAgainstRows(insight(db), rows);
    }
  }

  @Test
  void postgresRollupsAddUpToTheRows_andMatchSqlite() throws Exception {
    List<UsageRecord> rows = randomRows(new SplittableRandom(11), 600);
    Config.Storage storage = new Config.Storage(dir.resolve("ledger.db"));
    try (TestPostgres schema = TestPostgres.schema();
        PostgresDatabase pg = PostgresDatabase.open(schema.url());
        SqliteDatabase sqlite = SqliteDatabase.open(storage.sqlitePath())) {
      try (LedgerWriter toPg = PostgresLedgerWriter.open(pg, storage, SettleHook.NONE, hook());
          LedgerWriter toSqlite = SqliteLedgerWriter.open(sqlite, storage, hook())) {
        appendAll(toPg, rows);
        appendAll(toSqlite, rows);
      }
      checkAgainstRows(insight(pg), rows);
      for (Dimension by : Dimension.values()) {
        assertThat(insight(pg).rankings(Scope.ALL, Period.MONTH, by, NOW))
            .isEqualTo(insight(sqlite).rankings(Scope.ALL, Period.MONTH, by, NOW));
      }
      assertThat(insight(pg).activity(Scope.ALL, NOW))
          .isEqualTo(insight(sqlite).activity(Scope.ALL, NOW))
          .isNotEmpty();
    }
  }

  @Test
  void backfillRollsUpOlderRowsOnce_asTheWriterWould() throws Exception {
    List<UsageRecord> rows = randomRows(new SplittableRandom(3), 300);
    Config.Storage storage = new Config.Storage(dir.resolve("old.db"));
    Config.Storage other = new Config.Storage(dir.resolve("new.db"));
    try (SqliteDatabase old = SqliteDatabase.open(storage.sqlitePath());
        SqliteDatabase fresh = SqliteDatabase.open(other.sqlitePath())) {
      try (LedgerWriter before = SqliteLedgerWriter.open(old, storage, BatchHook.NONE);
          LedgerWriter after = SqliteLedgerWriter.open(fresh, other, hook())) {
        appendAll(before, rows);
        appendAll(after, rows);
      }
      // As if V10 had been applied over these rows: it notes the newest one.
      try (Connection c = old.connection();
          PreparedStatement mark =
              c.prepareStatement(
                  "UPDATE meta SET value = (SELECT CAST(MAX(seq) AS TEXT) FROM requests)"
                      + " WHERE name = ?")) {
        mark.setString(1, Backfill.MARK);
        mark.executeUpdate();
      }
      assertThat(Backfill.run(old, rollup())).isEqualTo(rows.size());
      assertThat(Backfill.run(old, rollup())).isZero();
      for (Dimension by : Dimension.values()) {
        assertThat(insight(old).rankings(Scope.ALL, Period.MONTH, by, NOW))
            .isEqualTo(insight(fresh).rankings(Scope.ALL, Period.MONTH, by, NOW));
      }
    }
  }

  static Rollup rollup() {
    return new Rollup(new RowNames(CATALOG), new EnergyModel(CATALOG));
  }

  static BatchHook hook() {
    return new RollupHook(rollup());
  }

  static Insight insight(Database db) {
    return new RollupInsight(db, CATALOG, new EnergyModel(CATALOG).pricing());
  }

  private static void checkAgainstRows(Insight insight, List<UsageRecord> rows) {
    RowNames names = new RowNames(CATALOG);
    for (Dimension by : Dimension.values()) {
      for (Scope scope : List.of(Scope.ALL, Scope.key("key_b"))) {
        Rankings week = insight.rankings(scope, Period.WEEK, by, NOW);
        Map<String, Long> expected = new TreeMap<>();
        Map<String, Long> previous = new TreeMap<>();
        for (UsageRecord row : rows) {
          if (scope.keyId().isPresent() && !scope.keyId().get().equals(row.keyId())) {
            continue;
          }
          String name = names.of(row).get(by);
          name = name.isEmpty() ? Rankings.UNKNOWN : name;
          boolean current = !row.at().isBefore(week.period().from());
          boolean before =
              !current && !row.at().isBefore(week.period().from().minus(Duration.ofDays(7)));
          if (current) {
            expected.merge(name, row.totalTokens(), Long::sum);
          } else if (before) {
            previous.merge(name, row.totalTokens(), Long::sum);
          }
        }
        Map<String, Long> actual = new TreeMap<>();
        for (RankedItem item : week.items()) {
          actual.put(item.name(), item.tokens());
          assertThat(item.previousTokens()).isEqualTo(previous.getOrDefault(item.name(), 0L));
        }
        expected.values().removeIf(tokens -> tokens == 0);
        actual.values().removeIf(tokens -> tokens == 0);
        assertThat(actual).as("%s %s", by, scope).isEqualTo(expected).isNotEmpty();
        assertThat(week.totalTokens())
            .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
      }
    }
    long classCost =
        insight.spendByDayAndClass(Scope.ALL, Optional.empty(), Optional.empty()).stream()
            .mapToLong(ClassSpend::costMicros)
            .sum();
    assertThat(classCost).isEqualTo(rows.stream().mapToLong(UsageRecord::costMicros).sum());
    LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    assertThat(insight.activity(Scope.ALL, NOW))
        .allSatisfy(a -> assertThat(a.date()).isBeforeOrEqualTo(today));
  }

  static List<UsageRecord> randomRows(SplittableRandom random, int count) {
    List<UsageRecord> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String model = MODELS.get(random.nextInt(MODELS.size()));
      boolean served = random.nextInt(10) > 0;
      Instant at = NOW.minus(Duration.ofMinutes(random.nextLong(60 * 24 * 20)));
      long prompt = served ? random.nextLong(5_000) : 0;
      String app = APPS.get(random.nextInt(APPS.size()));
      rows.add(
          new UsageRecord(
              "gen-" + i,
              at,
              List.of("key_a", "key_b", "key_c").get(random.nextInt(3)),
              model,
              served ? Optional.of(model) : Optional.empty(),
              served
                  ? Optional.of(PROVIDERS.get(random.nextInt(PROVIDERS.size())))
                  : Optional.empty(),
              prompt,
              served ? random.nextLong(2_000) : 0,
              prompt / 3,
              0,
              0,
              0,
              false,
              random.nextLong(50_000),
              random.nextLong(30_000),
              OptionalLong.empty(),
              random.nextBoolean(),
              served ? 200 : 502,
              served ? Optional.empty() : Optional.of("upstream_error"),
              Optional.empty(),
              new DataHandling(DataHandling.CLASSES.get(random.nextInt(4)), "", "route", List.of()),
              Optional.empty(),
              Optional.empty(),
              app.isEmpty() ? Optional.empty() : Optional.of(app),
              Optional.of(CATEGORIES.get(random.nextInt(CATEGORIES.size()))),
              Optional.empty()));
    }
    return rows;
  }

  static void appendAll(LedgerWriter writer, List<UsageRecord> rows) throws Exception {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (UsageRecord row : rows) {
      done.add(writer.append(row));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
  }
}
