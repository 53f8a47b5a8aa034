package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.ledger.LedgerReader;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.provider.UpstreamClient;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.routing.RoutePlanner;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * One event loop's HTTP server. The gateway deploys one instance per core; Vert.x spreads
 * connections across them. Each instance has its own upstream connection pools.
 */
public final class GatewayVerticle extends VerticleBase {
  /** What every instance shares: thread-safe services built once by the wiring. */
  public record Services(
      Config config,
      Catalog catalog,
      KeyAuthenticator keys,
      LedgerWriter ledger,
      LedgerReader ledgerReader) {}

  private static final WireFormat OPENAI = WireFormats.find("openai").orElseThrow();
  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
  private final Services services;
  private UpstreamClient upstream;
  private HttpServer server;

  public GatewayVerticle(Services services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    Config.Upstream limits = services.config().upstream();
    upstream =
        new UpstreamClient(
            vertx, limits.connectTimeout(), limits.idleTimeout(), limits.maxConnectionsPerHost());
    Config.Server http = services.config().server();
    server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setHost(http.host())
                .setPort(http.port())
                .setTcpNoDelay(true)
                .setCompressionSupported(false));
    return server.requestHandler(router(http)).listen();
  }

  private Router router(Config.Server http) {
    ChatPipeline pipeline =
        new ChatPipeline(
            vertx,
            services.keys(),
            new RoutePlanner(services.catalog()),
            upstream,
            new Settlement(
                services.ledger(), services.catalog(), services.config().logging(), vertx),
            http.streamKeepAlive());
    ModelsEndpoint models = new ModelsEndpoint(services.catalog());
    GenerationEndpoint generations = new GenerationEndpoint(vertx, services.ledgerReader());
    Router router = Router.router(vertx);
    router.post("/v1/*").handler(BodyHandler.create(false).setBodyLimit(http.maxBodyBytes()));
    router.post("/v1/chat/completions").handler(ctx -> pipeline.handle(ctx, OPENAI));
    router
        .get("/v1/models")
        .handler(authenticated((ctx, key) -> Future.succeededFuture(models.body())));
    router
        .get("/v1/generation")
        .handler(
            authenticated(
                (ctx, key) ->
                    generations.find(key, Optional.ofNullable(ctx.request().getParam("id")))));
    router.get("/health").handler(ctx -> Replies.json(ctx.response(), 200, HEALTHY));
    router
        .route()
        .last()
        .handler(
            ctx ->
                Replies.error(
                    ctx.response(),
                    OPENAI,
                    GatewayError.of(
                        ErrorKind.NOT_FOUND,
                        "no route for " + ctx.request().method() + " " + ctx.normalizedPath())));
    router
        .route()
        .failureHandler(
            ctx -> Replies.error(ctx.response(), OPENAI, failure(ctx.statusCode(), ctx.failure())));
    return router;
  }

  /** A JSON GET for a valid key; any failure answers in OpenAI's error shape. */
  private Handler<RoutingContext> authenticated(
      BiFunction<RoutingContext, ApiKey, Future<byte[]>> body) {
    return ctx ->
        ClientKeys.authenticate(services.keys(), vertx, ctx.request())
            .compose(key -> body.apply(ctx, key))
            .onSuccess(bytes -> Replies.json(ctx.response(), 200, bytes))
            .onFailure(
                error -> Replies.error(ctx.response(), OPENAI, Failures.asGatewayError(error)));
  }

  @Override
  public Future<?> stop() {
    // Graceful: stop accepting, let open streams finish (they settle into the ledger), then close
    // pools.
    return server.shutdown(30, TimeUnit.SECONDS).eventually(() -> upstream.close());
  }

  private static GatewayError failure(int status, Throwable error) {
    if (status == 413) {
      return GatewayError.of(
          ErrorKind.PAYLOAD_TOO_LARGE, "the request body is larger than this gateway accepts");
    }
    if (error instanceof GatewayError gateway) {
      return gateway;
    }
    if (status == 400) {
      return GatewayError.of(ErrorKind.INVALID_REQUEST, "bad request");
    }
    return Failures.asGatewayError(
        error == null ? new IllegalStateException("HTTP " + status) : error);
  }
}
