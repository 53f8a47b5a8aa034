package dev.switchboard.ledger.sqlite;

import static dev.switchboard.ledger.UsageRecords.T0;
import static dev.switchboard.ledger.UsageRecords.failed;
import static dev.switchboard.ledger.UsageRecords.served;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.SpendGroup;
import dev.switchboard.ledger.SpendQuery;
import dev.switchboard.ledger.SpendRow;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.storage.SqlProbe;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SqlLedgerReader#spend}: sums per group, exact, within a range, for one key or all. */
class SqliteLedgerSpendTest {
  private static final List<String> CLASSES = DataHandling.CLASSES;

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
  void storesAndReadsThePolicysDecision_neverMoreThanTypeNames() throws SQLException {
    DataHandling redacted =
        new DataHandling(
            "regulated",
            "policy.classes.regulated",
            "redact",
            List.of("US_SSN", "EMAIL", "CUSTOM:employee_id"));
    UsageRecord row = served("gen-r", "k", "m", T0, 10, 5, 3).withHandling(redacted);
    write(row, served("gen-plain", "k", "m", T0, 1, 1, 1));

    assertThat(reader.find("gen-r")).contains(row);
    assertThat(reader.find("gen-r").orElseThrow().handling().findingTypes())
        .containsExactly("CUSTOM:employee_id", "EMAIL", "US_SSN");
    assertThat(reader.find("gen-plain").orElseThrow().handling()).isEqualTo(DataHandling.NONE);
    assertThat(SqlProbe.query(db, "SELECT finding_types FROM requests WHERE id = 'gen-r'"))
        .isEqualTo("CUSTOM:employee_id,EMAIL,US_SSN");
    assertThat(reader.recent(2)).contains(row);
  }

  @Test
  void sumsExactlyToTheMicroDollar_acrossManyRows_perEveryGrouping() {
    SplittableRandom random = new SplittableRandom(9);
    List<UsageRecord> rows = new ArrayList<>();
    Map<String, Long> costByClass = new HashMap<>();
    long totalCost = 0;
    long totalPrompt = 0;
    for (int i = 0; i < 5_000; i++) {
      String dataClass = CLASSES.get(random.nextInt(CLASSES.size()));
      // Large and odd costs: a double sum of dollars would drift in the last digits.
      long cost = random.nextLong(1, 9_999_999_999L);
      long prompt = random.nextLong(0, 100_000);
      UsageRecord row =
          served("g" + i, "key_" + (i % 7), "m" + (i % 5), T0.plusSeconds(i * 60L), prompt, 3, cost)
              .withHandling(new DataHandling(dataClass, "", "route", List.of()));
      rows.add(row);
      costByClass.merge(dataClass, cost, Math::addExact);
      totalCost = Math.addExact(totalCost, cost);
      totalPrompt += prompt;
    }
    write(rows.toArray(UsageRecord[]::new));

    List<SpendRow> byClass = reader.spend(SpendQuery.of(SpendGroup.DATA_CLASS));
    assertThat(byClass).hasSize(4);
    for (SpendRow row : byClass) {
      assertThat(row.costMicros()).isEqualTo(costByClass.get(row.group().orElseThrow()));
    }
    assertThat(byClass)
        .extracting(SpendRow::costMicros)
        .isSortedAccordingTo((a, b) -> -Long.compare(a, b));
    for (SpendGroup group : SpendGroup.values()) {
      List<SpendRow> spend = reader.spend(SpendQuery.of(group));
      assertThat(spend.stream().mapToLong(SpendRow::costMicros).sum())
          .as(group.name())
          .isEqualTo(totalCost);
      assertThat(spend.stream().mapToLong(SpendRow::promptTokens).sum()).isEqualTo(totalPrompt);
      assertThat(spend.stream().mapToLong(SpendRow::requests).sum()).isEqualTo(5_000);
      assertThat(spend.stream().mapToLong(SpendRow::completionTokens).sum()).isEqualTo(15_000);
    }
    BigDecimal dollars =
        byClass.stream()
            .map(row -> BigDecimal.valueOf(row.costMicros(), 6))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(dollars).isEqualByComparingTo(BigDecimal.valueOf(totalCost, 6));
  }

  @Test
  void groupsByModelServedElseRequested_andProviderWhenThereIsOne() {
    write(
        served("a", "k", "cheap", T0, 10, 0, 5),
        served("b", "k", "dear", T0, 1, 0, 50),
        failed("c", "cheap", T0, 502, "upstream_failed"),
        unserved("d", "auto"));

    assertThat(reader.spend(SpendQuery.of(SpendGroup.MODEL)))
        .containsExactly(
            new SpendRow(Optional.of("dear"), 1, 1, 0, 50),
            new SpendRow(Optional.of("cheap"), 2, 17, 3, 5),
            new SpendRow(Optional.of("auto"), 1, 0, 0, 0));
    assertThat(reader.spend(SpendQuery.of(SpendGroup.PROVIDER)))
        .containsExactly(
            new SpendRow(Optional.of("prov"), 3, 18, 3, 55),
            new SpendRow(Optional.empty(), 1, 0, 0, 0));
  }

  @Test
  void groupsByUtcDay_inDateOrder_withinAHalfOpenRange() {
    Instant day1 = Instant.parse("2026-12-01T23:59:59.999Z");
    Instant day2 = Instant.parse("2026-12-02T00:00:00Z");
    Instant day3 = Instant.parse("2026-12-03T12:00:00Z");
    write(
        served("a", "k", "m", day1, 1, 1, 100),
        served("b", "k", "m", day2, 1, 1, 1),
        served("c", "k", "m", day3, 1, 1, 10),
        served("d", "k", "m", day3.plusSeconds(1), 1, 1, 10));

    assertThat(reader.spend(SpendQuery.of(SpendGroup.DAY)))
        .extracting(row -> row.group().orElseThrow() + "=" + row.costMicros())
        .containsExactly("2026-12-01=100", "2026-12-02=1", "2026-12-03=20");
    SpendQuery range =
        SpendQuery.of(SpendGroup.DAY).between(Optional.of(day2), Optional.of(day3.plusSeconds(1)));
    assertThat(reader.spend(range))
        .extracting(row -> row.group().orElseThrow() + "=" + row.costMicros())
        .containsExactly("2026-12-02=1", "2026-12-03=10");
    assertThat(
            reader.spend(
                SpendQuery.of(SpendGroup.DAY).between(Optional.of(day2), Optional.empty())))
        .hasSize(2);
    assertThat(
            reader.spend(
                SpendQuery.of(SpendGroup.DAY).between(Optional.empty(), Optional.of(day2))))
        .hasSize(1);
    assertThatThrownBy(
            () -> SpendQuery.of(SpendGroup.DAY).between(Optional.of(day3), Optional.of(day1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void restrictedToOneKey_seesNoOtherKeysRows() {
    write(
        served("a1", "key_a", "m", T0, 1, 0, 7),
        served("a2", "key_a", "n", T0, 1, 0, 8),
        served("b1", "key_b", "m", T0, 100, 0, 1_000));

    for (SpendGroup group : SpendGroup.values()) {
      List<SpendRow> mine = reader.spend(SpendQuery.of(group).ofKey("key_a"));
      assertThat(mine.stream().mapToLong(SpendRow::costMicros).sum())
          .as(group.name())
          .isEqualTo(15);
      assertThat(mine.stream().mapToLong(SpendRow::requests).sum()).isEqualTo(2);
    }
    assertThat(reader.spend(SpendQuery.of(SpendGroup.KEY).ofKey("key_a")))
        .containsExactly(new SpendRow(Optional.of("key_a"), 2, 2, 0, 15));
    assertThat(reader.spend(SpendQuery.of(SpendGroup.KEY).ofKey("key_nobody"))).isEmpty();
    assertThat(reader.spend(SpendQuery.of(SpendGroup.KEY)))
        .extracting(row -> row.group().orElseThrow())
        .containsExactly("key_b", "key_a");
  }

  @Test
  void readsGroupNames_asTheApiAndCliSpellThem() {
    assertThat(SpendGroup.of("data_class")).isEqualTo(SpendGroup.DATA_CLASS);
    assertThat(SpendGroup.of("data-class")).isEqualTo(SpendGroup.DATA_CLASS);
    assertThat(SpendGroup.of("Day")).isEqualTo(SpendGroup.DAY);
    assertThatThrownBy(() -> SpendGroup.of("country"))
        .hasMessage(
            "unknown grouping 'country' (one of key, model, provider, data_class, app, day)");
  }

  private void write(UsageRecord... records) {
    try (SqliteLedgerWriter writer = SqliteLedgerWriter.open(db)) {
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      for (UsageRecord record : records) {
        acks.add(writer.append(record));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static UsageRecord unserved(String id, String model) {
    return new UsageRecord(
        id,
        T0,
        "k",
        model,
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
        1,
        OptionalLong.empty(),
        false,
        503,
        Optional.of("no_route"),
        Optional.empty());
  }
}
