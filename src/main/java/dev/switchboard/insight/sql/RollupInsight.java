package dev.switchboard.insight.sql;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Deployment;
import dev.switchboard.catalog.PriceSheet;
import dev.switchboard.insight.ActivityRow;
import dev.switchboard.insight.ClassSpend;
import dev.switchboard.insight.Dimension;
import dev.switchboard.insight.EnergyReport;
import dev.switchboard.insight.Insight;
import dev.switchboard.insight.ModelSavings;
import dev.switchboard.insight.Period;
import dev.switchboard.insight.RankedItem;
import dev.switchboard.insight.Rankings;
import dev.switchboard.insight.ReportPeriod;
import dev.switchboard.insight.Savings;
import dev.switchboard.insight.Scope;
import dev.switchboard.insight.energy.EnergyPricing;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.storage.Database;
import dev.switchboard.wire.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@link Insight} over the {@code usage_hourly} rollups of either engine: every report reads rollup
 * rows (a few per hour, key and name), never the ledger's requests. Sums are exact longs; shares,
 * ratios and energy are doubles (estimates and proportions, not money).
 */
public final class RollupInsight implements Insight {
  private static final Duration ACTIVITY_DAYS = Duration.ofDays(30);

  private static final long CATCH_UP_SECONDS = 5;

  private final Database database;
  private final Catalog catalog;
  private final EnergyPricing energy;
  private final Supplier<? extends CompletionStage<Void>> caughtUp;

  /** Over rollups that are complete whenever read (written with their rows, or no writer). */
  public RollupInsight(Database database, Catalog catalog, EnergyPricing energy) {
    this(database, catalog, energy, () -> CompletableFuture.completedFuture(null));
  }

  /**
   * Over rollups a ledger writer adds up after its rows: every report first waits (blocking, at
   * most {@value #CATCH_UP_SECONDS} s) for {@code caughtUp}, so it counts every request answered
   * before it was asked.
   */
  public RollupInsight(
      Database database,
      Catalog catalog,
      EnergyPricing energy,
      Supplier<? extends CompletionStage<Void>> caughtUp) {
    this.database = database;
    this.catalog = catalog;
    this.energy = energy;
    this.caughtUp = caughtUp;
  }

  // A report that cannot wait answers from what is written: rollups a second old at most.
  private void catchUp() {
    try {
      caughtUp.get().toCompletableFuture().get(CATCH_UP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Read what is there.
    }
  }

  @Override
  public Rankings rankings(Scope scope, Period period, Dimension by, Instant now) {
    catchUp();
    ReportPeriod window = period.endingAt(now);
    Instant previousFrom = window.from().minus(period.length());
    RollupFilter filter =
        RollupFilter.of(by, scope, Optional.of(previousFrom), Optional.of(window.to()));
    long split = window.from().toEpochMilli();
    String current = "CASE WHEN hour_start >= " + split + " THEN %s ELSE 0 END";
    String sql =
        "SELECT name, SUM("
            + current.formatted("prompt_tokens")
            + "), SUM("
            + current.formatted("completion_tokens")
            + "), SUM("
            + current.formatted("requests")
            + "), SUM("
            + current.formatted("cost_micros")
            + "), SUM(CASE WHEN hour_start < "
            + split
            + " THEN prompt_tokens + completion_tokens ELSE 0 END)"
            + filter.clause()
            + " GROUP BY name";
    List<long[]> sums = new ArrayList<>();
    List<String> names = new ArrayList<>();
    query(
        sql,
        filter,
        rows -> {
          String name = rows.getString(1);
          names.add(name.isEmpty() ? Rankings.UNKNOWN : name);
          sums.add(
              new long[] {
                rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6)
              });
        });
    return ranked(window, by, names, sums);
  }

  private static Rankings ranked(
      ReportPeriod window, Dimension by, List<String> names, List<long[]> sums) {
    long total = 0;
    for (long[] s : sums) {
      total = Math.addExact(total, Math.addExact(s[0], s[1]));
    }
    List<RankedItem> items = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      long[] s = sums.get(i);
      long tokens = Math.addExact(s[0], s[1]);
      if (tokens == 0 && s[2] == 0) {
        continue; // only in the previous period
      }
      OptionalDouble change =
          s[4] == 0 ? OptionalDouble.empty() : OptionalDouble.of((tokens - s[4]) / (double) s[4]);
      double share = total == 0 ? 0 : tokens / (double) total;
      items.add(new RankedItem(names.get(i), tokens, s[0], s[1], s[2], s[3], share, s[4], change));
    }
    items.sort(
        Comparator.comparingLong(RankedItem::tokens).reversed().thenComparing(RankedItem::name));
    return new Rankings(window, by, total, items);
  }

  @Override
  public List<ClassSpend> spendByDayAndClass(
      Scope scope, Optional<Instant> from, Optional<Instant> to) {
    catchUp();
    RollupFilter filter = RollupFilter.of(Dimension.DATA_CLASS, scope, from, to);
    String sql =
        "SELECT hour_start / "
            + Hours.DAY_MS
            + " AS day, name, SUM(requests), SUM(prompt_tokens), SUM(completion_tokens),"
            + " SUM(cost_micros)"
            + filter.clause()
            + " GROUP BY day, name ORDER BY day, name";
    List<ClassSpend> spend = new ArrayList<>();
    query(
        sql,
        filter,
        rows ->
            spend.add(
                new ClassSpend(
                    LocalDate.ofEpochDay(rows.getLong(1)),
                    rows.getString(2),
                    rows.getLong(3),
                    rows.getLong(4),
                    rows.getLong(5),
                    rows.getLong(6))));
    return List.copyOf(spend);
  }

  @Override
  public Savings savings(
      Scope scope, String baseline, Optional<Instant> from, Optional<Instant> to) {
    catchUp();
    PriceSheet prices =
        catalog.deploymentsOf(baseline).stream()
            .findFirst()
            .map(Deployment::prices)
            .orElseThrow(
                () -> new IllegalArgumentException("the catalog has no model " + baseline));
    RollupFilter filter = RollupFilter.of(Dimension.MODEL, scope, from, to);
    String sql =
        "SELECT name, SUM(prompt_tokens), SUM(completion_tokens), SUM(cached_tokens),"
            + " SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(reasoning_tokens),"
            + " SUM(cost_micros)"
            + filter.clause()
            + " GROUP BY name";
    List<ModelSavings> models = new ArrayList<>();
    query(
        sql,
        filter,
        rows -> {
          Usage usage =
              Usage.reported(rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(7))
                  .withCacheWrites(rows.getLong(5), rows.getLong(6));
          models.add(
              new ModelSavings(
                  rows.getString(1),
                  usage.promptTokens(),
                  usage.completionTokens(),
                  rows.getLong(8),
                  prices.cost(usage).micros()));
        });
    models.sort(
        Comparator.comparingLong(ModelSavings::baselineCostMicros)
            .reversed()
            .thenComparing(ModelSavings::model));
    long cost = models.stream().mapToLong(ModelSavings::costMicros).reduce(0, Math::addExact);
    long base =
        models.stream().mapToLong(ModelSavings::baselineCostMicros).reduce(0, Math::addExact);
    return new Savings(baseline, cost, base, models);
  }

  @Override
  public EnergyReport energy(Scope scope, Optional<Instant> from, Optional<Instant> to) {
    catchUp();
    Map<String, Long> byCountry = energyBy(Dimension.PROVIDER_COUNTRY, scope, from, to);
    Map<String, Long> byModel = energyBy(Dimension.MODEL, scope, from, to);
    return energy.report(byCountry, byModel);
  }

  private Map<String, Long> energyBy(
      Dimension dimension, Scope scope, Optional<Instant> from, Optional<Instant> to) {
    RollupFilter filter = RollupFilter.of(dimension, scope, from, to);
    String sql = "SELECT name, SUM(energy_uwh)" + filter.clause() + " GROUP BY name";
    Map<String, Long> microWattHours = new LinkedHashMap<>();
    query(sql, filter, rows -> microWattHours.put(rows.getString(1), rows.getLong(2)));
    return microWattHours;
  }

  @Override
  public List<ActivityRow> activity(Scope scope, Instant now) {
    catchUp();
    Instant end = Instant.ofEpochMilli(Hours.ceil(now));
    RollupFilter filter =
        RollupFilter.of(
            Dimension.DEPLOYMENT, scope, Optional.of(end.minus(ACTIVITY_DAYS)), Optional.of(end));
    String sql =
        "SELECT hour_start / "
            + Hours.DAY_MS
            + " AS day, name, SUM(cost_micros), SUM(requests), SUM(prompt_tokens),"
            + " SUM(completion_tokens), SUM(reasoning_tokens)"
            + filter.clause()
            + " GROUP BY day, name ORDER BY day DESC, name";
    List<ActivityRow> activity = new ArrayList<>();
    query(
        sql,
        filter,
        rows -> {
          String deployment = rows.getString(2);
          int at = deployment.lastIndexOf('@');
          activity.add(
              new ActivityRow(
                  LocalDate.ofEpochDay(rows.getLong(1)),
                  at < 0 ? deployment : deployment.substring(0, at),
                  at < 0 ? "" : deployment.substring(at + 1),
                  rows.getLong(3),
                  rows.getLong(4),
                  rows.getLong(5),
                  rows.getLong(6),
                  rows.getLong(7)));
        });
    return List.copyOf(activity);
  }

  /** What a query does with each result row. */
  @FunctionalInterface
  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  private void query(String sql, RollupFilter filter, RowReader reader) {
    try (Connection c = database.connection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      filter.bind(statement, 1);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    } catch (SQLException e) {
      throw new StorageException("cannot read the insight rollups", e);
    }
  }
}
