package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.account.LimitReset;
import dev.switchboard.ledger.UsageRecords;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spend per calendar period in a non-UTC zone, summed from real ledger rows. */
class LedgerKeyUsageTest {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo"); // UTC+9, no daylight saving
  // Wednesday 2026-12-09 10:00 in Tokyo.
  private static final Instant NOW = Instant.parse("2026-12-09T01:00:00Z");

  @TempDir Path dir;

  @Test
  void sumsEachPeriodInTheZone_andTheLimitPeriodByItsReset() throws Exception {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("l.db"))) {
      write(
          db,
          row("today", "2026-12-08T15:00:00Z", 1), // Tokyo midnight of the 9th: today
          row("yesterday", "2026-12-08T14:59:59.999Z", 20), // Tokyo 23:59 on the 8th
          row("last-week", "2026-12-06T14:59:59Z", 300), // Sunday 23:59 in Tokyo
          row("last-month", "2026-11-30T14:59:59Z", 4_000), // Nov 30 23:59 in Tokyo
          row("other-key", "2026-12-09T00:00:00Z", 50_000, "key_other"));
      LedgerKeyUsage usage =
          LedgerKeyUsage.of(SqlLedgerReader.of(db), TOKYO, Clock.fixed(NOW, TOKYO));

      KeyUsage weekly = usage.usage(key(Optional.of(LimitReset.WEEKLY)), Optional.empty()).get();
      assertThat(weekly.totalMicros()).isEqualTo(4_321);
      assertThat(weekly.dailyMicros()).isEqualTo(1);
      assertThat(weekly.weeklyMicros()).isEqualTo(21);
      assertThat(weekly.monthlyMicros()).isEqualTo(321);
      assertThat(weekly.limitPeriodMicros()).isEqualTo(21);
      assertThat(weekly.limitResetsAt()).contains(Instant.parse("2026-12-13T15:00:00Z"));
      assertThat(weekly.limitRemainingMicros(key(Optional.of(LimitReset.WEEKLY))))
          .hasValue(10_000 - 21);

      KeyUsage lifetime = usage.usage(key(Optional.empty()), Optional.empty()).get();
      assertThat(lifetime.limitPeriodMicros()).isEqualTo(4_321);
      assertThat(lifetime.limitResetsAt()).isEmpty();
      assertThat(lifetime.reservedMicros()).isZero();
      assertThat(lifetime.sessionMicros()).isEmpty();
    }
  }

  @Test
  void remainingNeverGoesBelowZero_andIsEmptyWithoutALimit() {
    KeyUsage over = new KeyUsage(0, 0, 0, 0, 9_000, 2_000, Optional.empty(), OptionalLong.empty());
    assertThat(over.limitRemainingMicros(key(Optional.empty()))).hasValue(0);
    ApiKey unlimited =
        new ApiKey("key_u", "u", "h", 0, NOW, Optional.empty(), KeyRules.NONE, false);
    assertThat(over.limitRemainingMicros(unlimited)).isEmpty();
  }

  private static ApiKey key(Optional<LimitReset> reset) {
    return new ApiKey(
        "key_usage",
        "usage",
        "h",
        0,
        NOW,
        Optional.empty(),
        KeyRules.builder().limitMicros(OptionalLong.of(10_000)).limitReset(reset).build(),
        false);
  }

  private static dev.switchboard.ledger.UsageRecord row(String id, String at, long cost) {
    return row(id, at, cost, "key_usage");
  }

  private static dev.switchboard.ledger.UsageRecord row(
      String id, String at, long cost, String keyId) {
    return UsageRecords.served(id, keyId, "m/x", Instant.parse(at), 10, 5, cost);
  }

  private static void write(SqliteDatabase db, dev.switchboard.ledger.UsageRecord... rows)
      throws Exception {
    try (SqliteLedgerWriter writer = SqliteLedgerWriter.open(db)) {
      CompletableFuture<?>[] acks = new CompletableFuture<?>[rows.length];
      for (int i = 0; i < rows.length; i++) {
        acks[i] = writer.append(rows[i]);
      }
      CompletableFuture.allOf(acks).get(30, TimeUnit.SECONDS);
    }
  }
}
