package dev.switchboard.insight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.config.Config;
import dev.switchboard.insight.CountryEnergy;
import dev.switchboard.insight.EnergyReport;
import dev.switchboard.insight.Insight;
import dev.switchboard.insight.ModelSavings;
import dev.switchboard.insight.Savings;
import dev.switchboard.insight.Scope;
import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Savings and energy of one request, checked by hand against the catalog's figures. */
class InsightReportsTest {
  private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");

  @TempDir Path dir;

  /**
   * DeepSeek V3.2 at DeepSeek (CN): 1,000,000 prompt tokens of which 400,000 cache reads and
   * 100,000 5-minute cache writes; 200,000 completion tokens of which 50,000 reasoning.
   */
  private static UsageRecord oneRequest(String keyId) {
    return new UsageRecord(
        "gen-hand-" + keyId,
        AT,
        keyId,
        "deepseek/deepseek-v3.2",
        Optional.of("deepseek/deepseek-v3.2"),
        Optional.of("deepseek"),
        1_000_000,
        200_000,
        400_000,
        100_000,
        0,
        50_000,
        false,
        350_000,
        2_000,
        OptionalLong.empty(),
        false,
        200,
        Optional.empty(),
        Optional.empty(),
        DataHandling.NONE,
        Optional.empty(),
        Optional.empty(),
        Optional.of("Claude Code"),
        Optional.of("programming"),
        Optional.empty());
  }

  @Test
  void savingsPriceTheSameTokensAtTheBaselinesListPrices() throws Exception {
    Insight insight = written(oneRequest("key_a"), oneRequest("key_b"));
    Savings savings =
        insight.savings(
            Scope.key("key_a"), "anthropic/claude-opus-4.6", Optional.empty(), Optional.empty());
    // Opus 4.6 list prices per million: input $5, cache reads $0.50, 5-minute writes $6.25,
    // output $25 (reasoning is output). Uncached input = 1,000,000 - 400,000 - 100,000 = 500,000.
    // 500,000 x 5 + 400,000 x 0.50 + 100,000 x 6.25 + 200,000 x 25 = $2.50 + $0.20 + $0.625 + $5.00
    long expected = 8_325_000;
    assertThat(savings.baselineCostMicros()).isEqualTo(expected);
    assertThat(savings.costMicros()).isEqualTo(350_000);
    assertThat(savings.savedMicros()).isEqualTo(expected - 350_000);
    assertThat(savings.ratio().orElseThrow()).isCloseTo(8_325_000 / 350_000.0, within(1e-9));
    assertThat(savings.models())
        .containsExactly(
            new ModelSavings("deepseek/deepseek-v3.2", 1_000_000, 200_000, 350_000, expected));
    assertThat(
            insight
                .savings(Scope.ALL, "anthropic/claude-opus-4.6", Optional.empty(), Optional.empty())
                .baselineCostMicros())
        .as("an admin sees both keys")
        .isEqualTo(2 * expected);
  }

  @Test
  void energyOfOneRequest_byHand() throws Exception {
    Insight insight = written(oneRequest("key_a"));
    EnergyReport report = insight.energy(Scope.ALL, Optional.empty(), Optional.empty());
    // Computed tokens: 1,000,000 - 400,000 cached + 200,000 = 800,000.
    // FLOPs = 800,000 x 2 x 37e9 (DeepSeek V3.2 active) = 5.92e16.
    // J/FLOP = 700 W / (989e12 FLOP/s x 0.3) x 1.2 PUE = 2.831143e-12.
    // Energy = 5.92e16 x 2.831143e-12 = 167,603.6 J = 46.5566 Wh.
    assertThat(report.wh()).isCloseTo(46.5566, within(0.001));
    assertThat(report.models().getFirst().wh()).isCloseTo(46.5566, within(0.001));
    // Served from CN (DeepSeek's jurisdiction): $0.089/kWh and 560 g/kWh.
    CountryEnergy cn = report.countries().getFirst();
    assertThat(cn.country()).isEqualTo("CN");
    assertThat(cn.costUsd()).isCloseTo(0.0465566 * 0.089, within(1e-7));
    assertThat(cn.co2Grams()).isCloseTo(0.0465566 * 560, within(1e-3));
    assertThat(report.formula()).contains("2 x active_params").contains("PUE");
  }

  private Insight written(UsageRecord... rows) throws Exception {
    Config.Storage storage = new Config.Storage(dir.resolve("ledger.db"));
    SqliteDatabase db = SqliteDatabase.open(storage.sqlitePath());
    try (LedgerWriter writer = SqliteLedgerWriter.open(db, storage, RollupEnginesTest.hook())) {
      RollupEnginesTest.appendAll(writer, List.of(rows));
    }
    return RollupEnginesTest.insight(db);
  }
}
