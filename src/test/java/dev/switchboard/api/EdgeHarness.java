package dev.switchboard.api;

import dev.switchboard.Switchboard;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.account.sql.SqlIdempotencyStore;
import dev.switchboard.account.sql.SqlKeyStore;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.ledger.CommittedReader;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.sim.SimOptions;
import dev.switchboard.sim.SimProvider;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One gateway verticle serving chat in the given formats, in front of the simulator, with an SQLite
 * key store and ledger in a temporary directory; 1 MiB bodies.
 */
final class EdgeHarness implements AutoCloseable {
  final SqlKeyStore keys;
  final GatewayVerticle gateway;
  private final Vertx simVertx = Vertx.vertx();
  private final Vertx vertx = Vertx.vertx();
  private final SqliteDatabase database;
  private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();

  EdgeHarness(List<WireFormat> formats) throws IOException {
    SimProvider sim = SimProvider.start(simVertx, SimOptions.defaults()).await();
    database = SqliteDatabase.open(Files.createTempDirectory("switchboard-edge").resolve("l.db"));
    keys = SqlKeyStore.of(database);
    Config config =
        Config.defaults()
            .withServer(new Config.Server("127.0.0.1", 0, 1 << 20, Duration.ofSeconds(2)));
    SqliteLedgerWriter ledger = SqliteLedgerWriter.open(database);
    gateway =
        new GatewayVerticle(
            new GatewayVerticle.Services(
                config,
                Switchboard.simulated(Catalog.load(Catalog.shippedTree(), Json.object()), sim),
                new KeyAuthenticator(keys, keys.hasher(), blocking, Duration.ofMillis(50)),
                ledger,
                new CommittedReader(SqlLedgerReader.of(database), ledger::flushed),
                SqlIdempotencyStore.open(database, Clock.systemUTC())),
            formats);
    vertx.deployVerticle(gateway).await();
  }

  /** A new key's secret. */
  String key(String name) {
    return keys.create(name, OptionalLong.empty()).secret();
  }

  @Override
  public void close() {
    vertx.close().await();
    simVertx.close().await();
    blocking.close();
    database.close();
  }
}
