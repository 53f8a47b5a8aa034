package dev.switchboard;

import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.account.KeyStore;
import dev.switchboard.account.sqlite.SqliteKeyStore;
import dev.switchboard.api.GatewayVerticle;
import dev.switchboard.api.WarmUp;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Provider;
import dev.switchboard.config.Config;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.sqlite.SqliteDatabase;
import dev.switchboard.ledger.sqlite.SqliteLedgerReader;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.sim.SimProvider;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The wiring: builds the gateway's object graph from a Config and a Catalog by hand, starts one
 * HTTP server per core, and stops in the order that loses nothing (servers drain their streams,
 * then the ledger writer commits what is queued, then storage closes).
 */
public final class Switchboard implements AutoCloseable {
  private static final String SIMULATED_KEY = "sim-provider-key";
  private final Vertx vertx;
  private final SqliteDatabase database;
  private final KeyStore keys;
  private final LedgerWriter ledger;
  private final ExecutorService blocking;
  private final String deployment;
  private final int port;

  private Switchboard(
      Vertx vertx,
      SqliteDatabase database,
      KeyStore keys,
      LedgerWriter ledger,
      ExecutorService blocking,
      String deployment,
      int port) {
    this.vertx = vertx;
    this.database = database;
    this.keys = keys;
    this.ledger = ledger;
    this.blocking = blocking;
    this.deployment = deployment;
    this.port = port;
  }

  /** Starts the gateway and returns once it listens. Port 0 picks a free port. */
  public static Switchboard start(Config config, Catalog catalog) {
    CompletableFuture<Void> warm = WarmUp.start(); // tokenizer and hot-path classes, meanwhile
    Config.Server server = config.server();
    int port = server.port() == 0 ? freePort(server.host()) : server.port();
    Config resolved =
        config.withServer(
            new Config.Server(
                server.host(), port, server.maxBodyBytes(), server.streamKeepAlive()));
    SqliteDatabase database = SqliteDatabase.open(resolved.storage().sqlitePath());
    SqliteKeyStore keys = SqliteKeyStore.of(database);
    ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    KeyAuthenticator authenticator =
        new KeyAuthenticator(keys, keys.hasher(), blocking, KeyAuthenticator.DEFAULT_REFRESH);
    LedgerWriter ledger = SqliteLedgerWriter.open(database);
    Vertx vertx = Vertx.vertx();
    GatewayVerticle.Services services =
        new GatewayVerticle.Services(
            resolved, catalog, authenticator, ledger, SqliteLedgerReader.of(database));
    DeploymentOptions options =
        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors());
    String deployment =
        vertx
            .deployVerticle(() -> new GatewayVerticle(services), options)
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    WarmUp.finish(warm, vertx, server.host(), port);
    return new Switchboard(vertx, database, keys, ledger, blocking, deployment, port);
  }

  /**
   * The catalog with every OpenAI-format provider pointed at a simulator (demo and tests). Other
   * formats keep their entries, which stay unusable until their wire formats exist.
   */
  public static Catalog simulated(Catalog catalog, SimProvider sim) {
    return catalog.withProviders(
        p ->
            p.format().equals("openai")
                ? new Provider(
                    p.id(),
                    p.name(),
                    p.format(),
                    sim.baseUrl(p.id()),
                    Optional.of(SIMULATED_KEY),
                    p.jurisdiction(),
                    p.dataPolicy())
                : p);
  }

  public int port() {
    return port;
  }

  /** The key store, for the CLI and tests (blocking calls). */
  public KeyStore keys() {
    return keys;
  }

  public SqliteDatabase database() {
    return database;
  }

  @Override
  public void close() {
    vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().join();
    ledger.close();
    blocking.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
    database.close();
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }
}
