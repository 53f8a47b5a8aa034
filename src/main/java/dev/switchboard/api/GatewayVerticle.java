package dev.switchboard.api;

import dev.switchboard.account.IdempotencyStore;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.attempt.AttemptListener;
import dev.switchboard.autoroute.AutoPool;
import dev.switchboard.autoroute.PromptScorer;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.gateway.Accounting;
import dev.switchboard.gateway.AutoRouting;
import dev.switchboard.gateway.ChatPipeline;
import dev.switchboard.gateway.Idempotency;
import dev.switchboard.gateway.Limits;
import dev.switchboard.gateway.PolicyGate;
import dev.switchboard.gateway.Recovery;
import dev.switchboard.gateway.Sourcing;
import dev.switchboard.health.HealthTracker;
import dev.switchboard.health.Readiness;
import dev.switchboard.insight.EmptyInsight;
import dev.switchboard.insight.Insight;
import dev.switchboard.ledger.LedgerReader;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.metrics.GatewayMetrics;
import dev.switchboard.policy.PolicyParser;
import dev.switchboard.policy.SourcingPolicy;
import dev.switchboard.provider.UpstreamClient;
import dev.switchboard.provider.UpstreamEndpoint;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.routing.ModelAliases;
import dev.switchboard.routing.RetryBudget;
import dev.switchboard.routing.RoutePlanner;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One event loop's HTTP server. The gateway deploys one instance per core; Vert.x spreads
 * connections across them. Each instance has its own upstream connection pools.
 */
public final class GatewayVerticle extends VerticleBase {
  /**
   * What every instance shares: thread-safe services built once by the wiring. Every attempt goes
   * to {@code health}, then {@code metrics}, then {@code attemptListeners} (tests; {@link
   * AttemptListener#NONE} for none); {@code retryBudget} caps extra attempts across all event
   * loops; {@code keyUsage} is the spend the key endpoints show.
   */
  public record Services(
      Config config,
      Catalog catalog,
      KeyAuthenticator keys,
      LedgerWriter ledger,
      LedgerReader ledgerReader,
      IdempotencyStore idempotency,
      HealthTracker health,
      GatewayMetrics metrics,
      RetryBudget retryBudget,
      AttemptListener attemptListeners,
      SourcingPolicy policy,
      Limits limits,
      Readiness readiness,
      KeyUsageSource keyUsage,
      Insight insight) {

    /** Every attempt's listeners: health, then metrics, then the extra ones. */
    public AttemptListener attempts() {
      return health.andThen(metrics).andThen(attemptListeners);
    }

    /**
     * With a health tracker, metrics and a retry budget of its own, from the configured routing, no
     * other attempt listener, and no reports (the insight endpoints answer empty ones).
     */
    public Services(
        Config config,
        Catalog catalog,
        KeyAuthenticator keys,
        LedgerWriter ledger,
        LedgerReader ledgerReader,
        IdempotencyStore idempotency) {
      this(
          config,
          catalog,
          keys,
          ledger,
          ledgerReader,
          idempotency,
          new HealthTracker(config.routing()),
          new GatewayMetrics(),
          RetryBudget.of(config.routing()),
          AttemptListener.NONE,
          PolicyParser.parse(config.policy(), catalog),
          Limits.singleNode(ledgerReader, config.budgets().timeZone()),
          Readiness.ALWAYS,
          LedgerKeyUsage.of(ledgerReader, config.budgets().timeZone()),
          EmptyInsight.INSTANCE);
    }
  }

  private final Services services;
  private final RouteFormats formats;
  private @Nullable UpstreamClient upstream;
  private @Nullable HttpServer server;
  private @Nullable Router router;
  private @Nullable ChatPipeline pipeline;

  public GatewayVerticle(Services services) {
    this(services, WireFormats.all());
  }

  /** With the formats it serves chat in, the default first (tests add one of their own). */
  GatewayVerticle(Services services, List<WireFormat> formats) {
    this.services = services;
    this.formats = new RouteFormats(formats);
  }

  @Override
  public Future<?> start() {
    Config.Upstream limits = services.config().upstream();
    UpstreamClient client =
        new UpstreamClient(
            vertx,
            limits,
            services.catalog().providers().stream()
                .map(p -> new UpstreamEndpoint(p.id(), p.baseUrl(), p.apiKey()))
                .toList());
    upstream = client;
    Config.Server http = services.config().server();
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(http.host())
            .setPort(http.port())
            .setTcpNoDelay(true)
            .setCompressionSupported(false)
            .setMaxInitialLineLength(http.limits().maxHeaderBytes())
            .setMaxHeaderSize(http.limits().maxHeaderBytes());
    ConnectionGuard guard = new ConnectionGuard(vertx, http.limits(), formats);
    Router routes = router(client);
    router = routes;
    HttpServer listening =
        vertx
            .createHttpServer(options)
            .connectionHandler(guard::opened)
            .invalidRequestHandler(request -> InvalidRequests.answer(request, formats.of(request)))
            .requestHandler(
                request -> {
                  guard.admit(request);
                  routes.handle(request);
                });
    server = listening;
    return listening.listen();
  }

  private Router router(UpstreamClient client) {
    RoutePlanner planner = planner();
    ChatPipeline built =
        new ChatPipeline(
            new Sourcing(
                new PolicyGate(services.policy(), vertx),
                new AutoRouting(
                    planner,
                    AutoPool.of(services.config().routing().auto(), services.catalog()),
                    PromptScorer.shipped(),
                    vertx)),
            client,
            Accounting.of(
                services.limits(),
                services.ledger(),
                services.catalog(),
                services.config().logging(),
                vertx),
            new Idempotency(vertx, services.idempotency()),
            new Recovery(
                vertx, services.config().routing(), services.retryBudget(), services.attempts()),
            services.config().upstream().forwardSimFaultHeader());
    pipeline = built;
    return GatewayRoutes.create(vertx, services, built, planner, formats);
  }

  /** The planner of this verticle's requests, over the shared health tracker. */
  private RoutePlanner planner() {
    return new RoutePlanner(
        services.catalog(),
        new ModelAliases(services.config().aliases()),
        services.config().routing(),
        services.config().upstream().cacheBreakpoints(),
        services.health());
  }

  /** The route table, for the test that every route is classified by who may call it. */
  Router router() {
    if (router == null) {
      throw new IllegalStateException("not started");
    }
    return router;
  }

  /** The port listened on (the configured one, or the one picked for port 0). */
  int port() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    // Graceful: stop accepting, let open streams finish (they settle into the ledger), then close
    // pools.
    HttpServer listening = server;
    UpstreamClient client = upstream;
    if (listening == null || client == null) {
      return Future.succeededFuture();
    }
    ChatPipeline settling = pipeline;
    return listening
        .shutdown(30, TimeUnit.SECONDS)
        // Bounded like the shutdown: a ledger that never answers must not hold SIGTERM forever.
        .eventually(
            () ->
                settling == null
                    ? Future.succeededFuture()
                    : settling.settled().timeout(30, TimeUnit.SECONDS))
        .eventually(client::close);
  }
}
