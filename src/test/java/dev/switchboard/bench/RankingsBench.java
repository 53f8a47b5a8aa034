package dev.switchboard.bench;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Deployment;
import dev.switchboard.insight.Dimension;
import dev.switchboard.insight.Insight;
import dev.switchboard.insight.Period;
import dev.switchboard.insight.Rankings;
import dev.switchboard.insight.Scope;
import dev.switchboard.insight.energy.EnergyModel;
import dev.switchboard.insight.rollup.Rollup;
import dev.switchboard.insight.rollup.RowNames;
import dev.switchboard.insight.sql.RollupHook;
import dev.switchboard.insight.sql.RollupInsight;
import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.UsageRows;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Transactions;
import dev.switchboard.storage.postgresql.PostgresDatabase;
import dev.switchboard.storage.postgresql.TestPostgres;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import dev.switchboard.wire.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Weekly rankings over a large seeded ledger: writes {@code rows} ledger rows ({@code days} days up
 * to now, 20 keys, every catalog deployment, 8 apps, 6 categories, 4 data classes) in transactions
 * of 10,000, each rolled up in its own transaction exactly as the ledger writer does ({@link
 * RollupHook}); then times weekly rankings (every key's, and one key's) by model, origin and app.
 * Prints the seeding rate, the table sizes and per query the median, p95 and max of {@code repeats}
 * runs. Not a test: run with bench/rankings.sh.
 *
 * <p>Arguments: engine (sqlite or postgresql), rows, repeats, days. What a weekly ranking reads
 * depends on the rows per hour, not on the total: 10M rows over 60 days and 2.33M over 14 days give
 * the two weeks it reads the same rollup rows.
 */
public final class RankingsBench {
  private static final int BATCH = 10_000;
  private static final Instant NOW = Instant.parse("2026-12-06T07:30:00Z");
  private static final List<String> APPS =
      List.of(
          "Claude Code",
          "Codex",
          "Cline",
          "OpenClaw",
          "Cursor",
          "OpenAI Python SDK",
          "Anthropic Python SDK",
          "");
  private static final List<String> CATEGORIES =
      List.of("programming", "agentic", "chat", "translation", "analysis", "creative");

  private RankingsBench() {}

  public static void main(String[] args) throws Exception {
    String engine = args[0];
    long rows = Long.parseLong(args[1]);
    int repeats = Integer.parseInt(args[2]);
    Duration span = Duration.ofDays(Long.parseLong(args[3]));
    Catalog catalog = Catalog.load(Catalog.shippedTree(), Json.object());
    Path dir = Files.createTempDirectory("rankings-bench");
    TestPostgres schema = TestPostgres.schema();
    // Seeding batches take longer than the request path's timeouts on a busy machine.
    try (schema;
        Database db =
            engine.equals("sqlite")
                ? SqliteDatabase.open(dir.resolve("ledger.db"))
                : PostgresDatabase.open(schema.url(), Duration.ofMinutes(5))) {
      EnergyModel energy = new EnergyModel(catalog);
      RollupHook hook = new RollupHook(new Rollup(new RowNames(catalog), energy));
      long start = System.nanoTime();
      seed(db, catalog, hook, rows, span);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%s: seeded %,d ledger rows over %d days in %.0f s (%,.0f rows/s, rollups in the same"
              + " transactions); usage_hourly rows: %,d%n",
          engine,
          count(db, "requests"),
          span.toDays(),
          seconds,
          rows / seconds,
          count(db, "usage_hourly"));
      Insight insight = new RollupInsight(db, catalog, energy.pricing());
      for (Dimension by : List.of(Dimension.MODEL, Dimension.ORIGIN, Dimension.APP)) {
        time(
            engine,
            "week by " + by.wireName() + ", all keys",
            repeats,
            () -> insight.rankings(Scope.ALL, Period.WEEK, by, NOW));
      }
      time(
          engine,
          "week by model, one key",
          repeats,
          () -> insight.rankings(Scope.key("key_07"), Period.WEEK, Dimension.MODEL, NOW));
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void time(
      String engine, String name, int repeats, java.util.function.Supplier<Rankings> query) {
    Rankings first = query.get(); // warm-up, and what it answers
    long[] micros = new long[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      query.get();
      micros[i] = (System.nanoTime() - t0) / 1_000;
    }
    Arrays.sort(micros);
    System.out.printf(
        Locale.ROOT,
        "%s: %-28s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  (%d items, top %s, %,d tokens)%n",
        engine,
        name,
        micros[repeats / 2] / 1e3,
        micros[(int) Math.ceil(repeats * 0.95) - 1] / 1e3,
        micros[repeats - 1] / 1e3,
        first.items().size(),
        first.items().isEmpty() ? "-" : first.items().getFirst().name(),
        first.totalTokens());
  }

  private static void seed(Database db, Catalog catalog, RollupHook hook, long rows, Duration span)
      throws Exception {
    List<Deployment> deployments = catalog.deployments();
    SplittableRandom random = new SplittableRandom(2026);
    long spanMs = span.toMillis();
    for (long done = 0; done < rows; done += BATCH) {
      int size = (int) Math.min(BATCH, rows - done);
      List<UsageRecord> batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        long n = done + i;
        // Rows in time order, as a ledger fills; models skewed towards the first deployments.
        Instant at = NOW.minus(span).plusMillis(n * spanMs / rows);
        Deployment d =
            deployments.get(
                Math.min(random.nextInt(deployments.size()), random.nextInt(deployments.size())));
        batch.add(row(random, n, at, d));
      }
      Transactions.run(
          db,
          c -> {
            try (PreparedStatement insert = c.prepareStatement(UsageRows.INSERT)) {
              for (UsageRecord r : batch) {
                UsageRows.bind(insert, r);
                insert.addBatch();
              }
              insert.executeBatch();
            }
            hook.written(c, batch);
            return null;
          });
    }
  }

  private static UsageRecord row(SplittableRandom random, long n, Instant at, Deployment d) {
    boolean ok = random.nextInt(50) > 0;
    long prompt = ok ? 200 + random.nextLong(20_000) : 0;
    long completion = ok ? 20 + random.nextLong(2_000) : 0;
    return new UsageRecord(
        "gen-" + n,
        at,
        String.format(Locale.ROOT, "key_%02d", random.nextInt(20)),
        d.modelId(),
        Optional.of(d.modelId()),
        Optional.of(d.providerId()),
        prompt,
        completion,
        prompt / 2,
        0,
        0,
        completion / 4,
        false,
        (prompt + completion) / 10,
        300 + random.nextLong(20_000),
        OptionalLong.of(200 + random.nextLong(2_000)),
        true,
        ok ? 200 : 502,
        ok ? Optional.empty() : Optional.of("upstream_error"),
        Optional.empty(),
        new DataHandling(DataHandling.CLASSES.get(random.nextInt(4)), "", "route", List.of()),
        Optional.empty(),
        Optional.empty(),
        Optional.of(APPS.get(random.nextInt(APPS.size()))).filter(a -> !a.isEmpty()),
        Optional.of(CATEGORIES.get(random.nextInt(CATEGORIES.size()))),
        Optional.empty());
  }

  private static long count(Database db, String table) throws Exception {
    try (Connection c = db.connection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }
}
