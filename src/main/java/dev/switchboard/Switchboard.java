package dev.switchboard;

import dev.switchboard.account.IdempotencyStore;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.account.KeyStore;
import dev.switchboard.api.GatewayVerticle;
import dev.switchboard.api.LedgerKeyUsage;
import dev.switchboard.api.WarmUp;
import dev.switchboard.attempt.AttemptListener;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Provider;
import dev.switchboard.config.Config;
import dev.switchboard.config.Transport;
import dev.switchboard.gateway.Limits;
import dev.switchboard.health.HealthTracker;
import dev.switchboard.health.HealthView;
import dev.switchboard.ledger.LedgerReader;
import dev.switchboard.metrics.GatewayMetrics;
import dev.switchboard.policy.PolicyParser;
import dev.switchboard.policy.SourcingPolicy;
import dev.switchboard.routing.ModelAliases;
import dev.switchboard.routing.RetryBudget;
import dev.switchboard.routing.RoutePlanner;
import dev.switchboard.sim.SimProvider;
import dev.switchboard.storage.Database;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The wiring: builds the gateway's object graph from a Config and a Catalog by hand, starts one
 * HTTP server per core, and stops in the order that loses nothing (servers drain their streams,
 * then the ledger writer commits what is queued, then storage closes).
 */
public final class Switchboard implements AutoCloseable {
  private static final String SIMULATED_KEY = "sim-provider-key";
  private static final Duration PURGE_EVERY = Duration.ofHours(1);
  private final Vertx vertx;
  private final Backends backends;
  private final ExecutorService blocking;
  private final String deployment;
  private final int port;

  private Switchboard(
      Vertx vertx, Backends backends, ExecutorService blocking, String deployment, int port) {
    this.vertx = vertx;
    this.backends = backends;
    this.blocking = blocking;
    this.deployment = deployment;
    this.port = port;
  }

  /** Starts the gateway and returns once it listens. Port 0 picks a free port. */
  public static Switchboard start(Config config, Catalog catalog) {
    return start(config, catalog, Clock.systemUTC());
  }

  /**
   * As {@link #start(Config, Catalog)}, with the clock that ages stored Idempotency-Key answers.
   */
  public static Switchboard start(Config config, Catalog catalog, Clock clock) {
    return start(config, catalog, clock, AttemptListener.NONE);
  }

  /**
   * As {@link #start(Config, Catalog, Clock)}; every attempt also goes to {@code attemptListener}
   * (after health tracking): metrics, or a test that watches the tries.
   */
  public static Switchboard start(
      Config config, Catalog catalog, Clock clock, AttemptListener attemptListener) {
    // The routing ceiling and presets are checked before anything opens: a bad one is a
    // configuration error naming it, not a verticle that fails to deploy.
    new RoutePlanner(
        catalog, new ModelAliases(config.aliases()), config.routing(), true, HealthView.NONE);
    SourcingPolicy policy = PolicyParser.parse(config.policy(), catalog);
    CompletableFuture<Void> warm = WarmUp.start(); // tokenizer and hot-path classes, meanwhile
    Config.Server server = config.server();
    int port = server.port() == 0 ? freePort(server.host()) : server.port();
    Config resolved =
        config
            .withServer(server.withPort(port))
            .withRouting(config.routing().withModelDefaults(catalog.firstTokenTimeouts()));
    Backends backends = Backends.open(resolved, clock, catalog);
    ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    KeyAuthenticator authenticator = backends.authenticator(blocking);
    IdempotencyStore idempotency = backends.idempotency();
    Vertx vertx = EventLoops.open(server.transport(), server.busyPoll());
    vertx.setPeriodic(
        PURGE_EVERY.toMillis(), id -> vertx.executeBlocking(idempotency::purgeExpired, false));
    GatewayVerticle.Services services =
        services(resolved, catalog, backends, authenticator, policy, attemptListener);
    DeploymentOptions options =
        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors());
    String deployment;
    try {
      deployment =
          vertx
              .deployVerticle(() -> new GatewayVerticle(services), options)
              .toCompletionStage()
              .toCompletableFuture()
              .join();
    } catch (RuntimeException e) {
      // Nothing listens: release what was opened, so a caller that goes on is not left with
      // threads and an open database.
      vertx.close().toCompletionStage().toCompletableFuture().join();
      blocking.close();
      backends.close();
      throw listenFailure(e, server.host(), port);
    }
    WarmUp.finish(warm, vertx, server.host(), port);
    return new Switchboard(vertx, backends, blocking, deployment, port);
  }

  /** What every event loop's verticle shares. */
  private static GatewayVerticle.Services services(
      Config resolved,
      Catalog catalog,
      Backends backends,
      KeyAuthenticator authenticator,
      SourcingPolicy policy,
      AttemptListener attemptListener) {
    Config.Routing routing = resolved.routing();
    return new GatewayVerticle.Services(
        resolved,
        catalog,
        authenticator,
        backends.ledger(),
        backends.reader(),
        backends.idempotency(),
        new HealthTracker(routing),
        new GatewayMetrics(),
        // One budget for every event loop: it caps the gateway's extra attempts, not a loop's.
        RetryBudget.of(routing),
        attemptListener,
        policy,
        backends.limits(),
        backends.readiness(),
        LedgerKeyUsage.of(backends.reader(), backends.limits().budgets(), backends.limits().zone()),
        backends.insight());
  }

  /**
   * A failure to start listening, in words: a port in use says so and how to pick another; anything
   * else keeps its cause.
   */
  public static RuntimeException listenFailure(Throwable error, String host, int port) {
    String reason = "the server did not start";
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (cause instanceof BindException
          || (message != null && message.contains("Address already in use"))) {
        reason =
            "the port is already in use (stop the other process, or choose another port with"
                + " --port)";
        break;
      }
      if (message != null && !message.isBlank() && !(cause instanceof CompletionException)) {
        reason = message;
      }
    }
    return new IllegalStateException(
        "cannot listen on " + host + ":" + port + ": " + reason, error);
  }

  /**
   * The catalog with every provider pointed at a simulator (demo and tests), which answers each in
   * its own wire format; a format the gateway cannot speak yet still leaves its provider unused.
   */
  public static Catalog simulated(Catalog catalog, SimProvider sim) {
    return catalog.withProviders(
        p ->
            new Provider(
                p.id(),
                p.name(),
                p.format(),
                sim.baseUrl(p.id()),
                Optional.of(SIMULATED_KEY),
                p.jurisdiction(),
                p.dataPolicy()));
  }

  public int port() {
    return port;
  }

  /** The transport the event loops run on: the configured one, unless the machine refused it. */
  public Transport transport() {
    return EventLoops.of(vertx);
  }

  /** The key store, for the CLI and tests (blocking calls). */
  public KeyStore keys() {
    return backends.keys();
  }

  public Database database() {
    return backends.database();
  }

  /**
   * The ledger as the API reads it: every answered request's row is found (a read first waits for
   * the rows answered before it to be committed). Blocking.
   */
  public LedgerReader ledger() {
    return backends.reader();
  }

  /** The budgets and rate limits requests are held to, for tests that check what is reserved. */
  public Limits limits() {
    return backends.limits();
  }

  @Override
  public void close() {
    vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().join();
    blocking.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
    backends.close();
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }
}
