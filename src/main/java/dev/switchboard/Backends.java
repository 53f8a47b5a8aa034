package dev.switchboard;

import dev.switchboard.account.IdempotencyStore;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.account.sql.SqlIdempotencyStore;
import dev.switchboard.account.sql.SqlKeyStore;
import dev.switchboard.config.Config;
import dev.switchboard.gateway.Limits;
import dev.switchboard.health.Readiness;
import dev.switchboard.ledger.LedgerReader;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Databases;
import dev.switchboard.storage.Dialect;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.time.Clock;
import java.time.Duration;

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
    Readiness readiness)
    implements AutoCloseable {

  /**
   * How stale a node's view of a key may be: a key revoked or changed on one node is refused on all
   * within about twice this (the authenticator's bound), under a second in a cluster.
   */
  Duration keyRefresh() {
    return database.dialect() == Dialect.POSTGRESQL
        ? Duration.ofMillis(400)
        : KeyAuthenticator.DEFAULT_REFRESH;
  }

  static Backends open(Config config, Clock clock) {
    Database database = Databases.open(config.storage());
    try {
      SqlKeyStore keys = SqlKeyStore.of(database);
      LedgerReader reader = SqlLedgerReader.of(database);
      IdempotencyStore idempotency = SqlIdempotencyStore.open(database, clock);
      if (database.dialect() == Dialect.SQLITE) {
        Limits limits = Limits.singleNode(reader, config.budgets().timeZone());
        LedgerWriter ledger = SqliteLedgerWriter.open((SqliteDatabase) database, config.storage());
        return new Backends(database, keys, ledger, reader, idempotency, limits, Readiness.ALWAYS);
      }
      return cluster(config, database, keys, reader, idempotency);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static Backends cluster(
      Config config,
      Database database,
      SqlKeyStore keys,
      LedgerReader reader,
      IdempotencyStore idempotency) {
    throw new UnsupportedOperationException("cluster budgets: wired when SqlBudgets lands");
  }

  /** A probe of the database for {@code /health/ready}. */
  static Readiness.Probe probe(Database database, String name) {
    return new Readiness.Probe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void check() {
        database.ping();
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
