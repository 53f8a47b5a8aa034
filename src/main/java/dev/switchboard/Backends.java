package dev.switchboard;

import dev.switchboard.account.IdempotencyStore;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.account.sql.SqlIdempotencyStore;
import dev.switchboard.account.sql.SqlKeyStore;
import dev.switchboard.budget.OutputEstimates;
import dev.switchboard.budget.sql.SqlBudgets;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.Redis;
import dev.switchboard.gateway.Limits;
import dev.switchboard.health.Readiness;
import dev.switchboard.insight.Insight;
import dev.switchboard.insight.energy.EnergyModel;
import dev.switchboard.insight.rollup.Rollup;
import dev.switchboard.insight.rollup.RowNames;
import dev.switchboard.insight.sql.Backfill;
import dev.switchboard.insight.sql.RollupHook;
import dev.switchboard.insight.sql.RollupInsight;
import dev.switchboard.ledger.CommittedReader;
import dev.switchboard.ledger.LedgerReader;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.LedgerWriters;
import dev.switchboard.ledger.SettleHook;
import dev.switchboard.ledger.sql.BatchHook;
import dev.switchboard.ratelimit.RateLimiter;
import dev.switchboard.ratelimit.RateLimiters;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Databases;
import dev.switchboard.storage.Dialect;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What a gateway keeps outside its event loops, opened from the config: the database and the stores
 * on it, the limits (budgets, rate limits) and what {@code /health/ready} probes. One node (SQLite)
 * keeps budgets and rate limits in memory; a cluster node keeps reservations in PostgreSQL, charged
 * in the ledger row's transaction, and rate limits in Redis. Closed in the reverse order.
 */
record Backends(
    Database database,
    SqlKeyStore keys,
    LedgerWriter ledger,
    LedgerReader reader,
    IdempotencyStore idempotency,
    Limits limits,
    Readiness readiness,
    Insight insight)
    implements AutoCloseable {
  /** Where every node of a cluster keeps its rate-limit state in Redis. */
  private static final String REDIS_PREFIX = "switchboard:";

  private static final Duration READINESS_PERIOD = Duration.ofSeconds(1);

  /**
   * The cached key lookups of the request path, loading on {@code blocking}. A key revoked or
   * changed on one node is refused on all within about twice the refresh (the authenticator's
   * bound): under a second in a cluster.
   */
  KeyAuthenticator authenticator(Executor blocking) {
    Duration refresh =
        database.dialect() == Dialect.POSTGRESQL
            ? Duration.ofMillis(400)
            : KeyAuthenticator.DEFAULT_REFRESH;
    return new KeyAuthenticator(keys, keys.hasher(), blocking, refresh);
  }

  static Backends open(Config config, Clock clock, Catalog catalog) {
    Database database = Databases.open(config.storage());
    try {
      // Rollups: the rows written before they existed once, then every batch's (SQLite: about
      // once a second, and reports wait for it; PostgreSQL: in the batch's transaction).
      EnergyModel energy = new EnergyModel(catalog);
      Rollup rollup = new Rollup(new RowNames(catalog), energy);
      Backfill.run(database, rollup);
      BatchHook rollups = new RollupHook(rollup);
      SqlKeyStore keys = SqlKeyStore.of(database);
      LedgerReader reader = LedgerWriters.reader(database);
      IdempotencyStore idempotency = SqlIdempotencyStore.open(database, clock);
      ZoneId zone = config.budgets().timeZone();
      if (database.dialect() == Dialect.SQLITE) {
        LedgerWriter ledger =
            LedgerWriters.open(database, config.storage(), SettleHook.NONE, rollups);
        LedgerReader committed = new CommittedReader(reader, ledger::flushed);
        Limits limits = Limits.singleNode(committed, zone);
        Insight insight = new RollupInsight(database, catalog, energy.pricing(), ledger::caughtUp);
        return new Backends(
            database, keys, ledger, committed, idempotency, limits, Readiness.ALWAYS, insight);
      }
      // Per-node rate limits would multiply with the nodes: a cluster shares them in Redis.
      Redis redis =
          config
              .redis()
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "redis.url",
                          "is required with storage.postgresql: every node must share the rate"
                              + " limits"));
      SqlBudgets budgets = SqlBudgets.open(database, config.budgets().reservationTtl());
      RateLimiter rateLimits = RateLimiters.redis(redis.url(), REDIS_PREFIX);
      List<Readiness.Probe> probes =
          List.of(
              probe("postgresql", database::ping),
              probe(
                  "redis",
                  () -> {
                    if (!rateLimits.ready()) {
                      throw new IllegalStateException("Redis does not answer");
                    }
                  }));
      return new Backends(
          database,
          keys,
          LedgerWriters.open(database, config.storage(), budgets.settleHook(), rollups),
          reader,
          idempotency,
          new Limits(budgets, rateLimits, new OutputEstimates(), zone),
          Readiness.probing(probes, READINESS_PERIOD),
          new RollupInsight(database, catalog, energy.pricing()));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static Readiness.Probe probe(String name, Runnable check) {
    return new Readiness.Probe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void check() {
        check.run();
      }
    };
  }

  @Override
  public void close() {
    readiness.close();
    ledger.close();
    limits.rateLimits().close();
    limits.budgets().close();
    database.close();
  }
}
