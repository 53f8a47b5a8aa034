package dev.switchboard.insight.sql;

import static dev.switchboard.storage.SqlProbe.execute;
import static dev.switchboard.storage.SqlProbe.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.insight.Dimension;
import dev.switchboard.insight.Period;
import dev.switchboard.insight.RankedItem;
import dev.switchboard.insight.Rankings;
import dev.switchboard.insight.Scope;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.storage.Migrations;
import dev.switchboard.storage.sqlite.Downgrade;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V10 adds a row's app and category and the rollups: a ledger written before it keeps its rows
 * (read as of no app and no category), and the first start rolls them up, once.
 */
class InsightMigrationTest {
  @TempDir Path dir;

  @Test
  void upgradesAVersion9Ledger_andRollsUpItsRowsOnce() throws Exception {
    Path file = dir.resolve("v9.db");
    long at = Instant.now().toEpochMilli();
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      Downgrade.to(db, 9);
      for (String id : new String[] {"old-1", "old-2"}) {
        execute(
            db,
            "INSERT INTO requests (id, at, key_id, requested_model, served_model, provider,"
                + " prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, estimated,"
                + " cost_micros, latency_ms, stream, status) VALUES ('"
                + id
                + "', "
                + at
                + ", 'k', 'deepseek/deepseek-v3.2', 'deepseek/deepseek-v3.2', 'deepseek', 10, 5,"
                + " 0, 0, 0, 3, 1, 0, 200)");
      }
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      assertThat(query(db, "SELECT MAX(version) FROM schema_version"))
          .isEqualTo(String.valueOf(Migrations.SCRIPTS.size()));
      UsageRecord old = SqlLedgerReader.of(db).find("old-1").orElseThrow();
      assertThat(old.app()).isEmpty();
      assertThat(old.category()).isEmpty();
      assertThat(Backfill.run(db, RollupEnginesTest.rollup())).isEqualTo(2);
      assertThat(Backfill.run(db, RollupEnginesTest.rollup())).isZero();
      Rankings byOrigin =
          RollupEnginesTest.insight(db)
              .rankings(Scope.ALL, Period.DAY, Dimension.ORIGIN, Instant.now());
      assertThat(byOrigin.items())
          .extracting(RankedItem::name, RankedItem::tokens, RankedItem::requests)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("CN", 30L, 2L));
      assertThat(
              RollupEnginesTest.insight(db)
                  .rankings(Scope.ALL, Period.DAY, Dimension.APP, Instant.now())
                  .items())
          .extracting(RankedItem::name)
          .containsExactly(Rankings.UNKNOWN);
    }
  }
}
