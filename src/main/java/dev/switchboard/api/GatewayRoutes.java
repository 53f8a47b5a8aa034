package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.config.Config;
import dev.switchboard.gateway.ChatPipeline;
import dev.switchboard.insight.Insight;
import dev.switchboard.routing.RoutePlanner;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.ModelListing;
import dev.switchboard.wire.TokenCounting;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The route table: every path the gateway answers, and who may call it (anyone, any valid key, or
 * the key that owns the data). Each wire format brings its chat paths. Errors of every route,
 * unknown paths and wrong methods included, are in the format {@link RouteFormats} picks by path.
 */
final class GatewayRoutes {
  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
  private final Vertx vertx;
  private final KeyAuthenticator keys;
  private final RouteFormats formats;

  private GatewayRoutes(Vertx vertx, KeyAuthenticator keys, RouteFormats formats) {
    this.vertx = vertx;
    this.keys = keys;
    this.formats = formats;
  }

  static Router create(
      Vertx vertx,
      GatewayVerticle.Services services,
      ChatPipeline pipeline,
      RoutePlanner planner,
      RouteFormats formats) {
    Config.Server http = services.config().server();
    GatewayRoutes routes = new GatewayRoutes(vertx, services.keys(), formats);
    ModelsEndpoint models = new ModelsEndpoint(services.catalog());
    GenerationEndpoint generations = new GenerationEndpoint(vertx, services.ledgerReader());
    Router router = Router.router(vertx);
    for (WireFormat format : formats.all()) {
      ChatEndpoint chat = new ChatEndpoint(vertx, format, services.keys(), pipeline, http);
      format.chatPaths().forEach(path -> router.post(path).handler(chat));
      if (format instanceof TokenCounting counting) {
        CountTokensEndpoint count =
            new CountTokensEndpoint(vertx, format, counting, services.keys(), http);
        counting.countTokensPaths().forEach(path -> router.post(path).handler(count));
      }
    }
    Function<RoutingContext, Future<byte[]>> list =
        ctx -> Future.succeededFuture(models.list(listingFor(formats, ctx)));
    Function<RoutingContext, Future<byte[]>> one = ctx -> models.one(modelId(ctx));
    router.get("/v1/models").handler(routes.maybePublic(http.publicModels(), list));
    router.get("/v1/models/:author/:slug").handler(routes.maybePublic(http.publicModels(), one));
    // An SDK may send the id as one percent-encoded segment (deepseek%2Fdeepseek-v3.2).
    router.get("/v1/models/:id").handler(routes.maybePublic(http.publicModels(), one));
    ModelEndpointsEndpoint endpoints =
        new ModelEndpointsEndpoint(services.catalog(), services.health());
    for (String path :
        List.of("/v1/models/:author/:slug/endpoints", "/api/v1/models/:author/:slug/endpoints")) {
      router
          .get(path)
          .handler(routes.maybePublic(http.publicModels(), ctx -> endpoints.of(modelId(ctx))));
    }
    BiFunction<RoutingContext, ApiKey, Future<byte[]>> generation =
        (ctx, key) -> generations.find(key, Optional.ofNullable(ctx.request().getParam("id")));
    router.get("/v1/generation").handler(routes.authenticated(generation));
    router.get("/api/v1/generation").handler(routes.authenticated(generation));
    routes.policyAndSpend(router, services, planner);
    routes.insight(router, services);
    routes.keys(router, services.keyUsage());
    operations(router, services);
    router.errorHandler(404, routes::notFound);
    router.errorHandler(405, ctx -> routes.methodNotAllowed(router, ctx));
    router
        .route()
        .failureHandler(
            ctx ->
                Replies.refuse(
                    ctx.request(), routes.formatOf(ctx), failure(ctx.statusCode(), ctx)));
    return router;
  }

  /** Liveness, readiness, metrics and Claude Code's probe: no key needed, nothing secret. */
  private static void operations(Router router, GatewayVerticle.Services services) {
    router.get("/health").handler(ctx -> Replies.json(ctx.response(), 200, HEALTHY));
    // Ready = what requests need answers; a load balancer sends traffic elsewhere meanwhile.
    router.get("/health/ready").handler(ctx -> ReadyEndpoint.answer(ctx, services.readiness()));
    // Prometheus scrapes without a key: counts and timings by provider and model, nothing secret.
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(services.metrics().scrape()));
    // Claude Code's connectivity probe before its first request.
    router.head("/api/hello").handler(ctx -> ctx.response().end());
  }

  /** The data policy's scan and the spend per class (or key, model, provider, day). */
  private void policyAndSpend(
      Router router, GatewayVerticle.Services services, RoutePlanner planner) {
    router
        .post("/api/v1/policy/scan")
        .handler(
            new PolicyScanEndpoint(
                vertx, services.policy(), planner, formats, keys, services.config().server()));
    router
        .get("/api/v1/spend")
        .handler(anyKey(new SpendEndpoint(vertx, services.ledgerReader(), services.insight())));
  }

  /**
   * Rankings, savings, energy and activity, and the dashboard that shows them: a key sees its own
   * requests, an admin key all.
   */
  private void insight(Router router, GatewayVerticle.Services services) {
    Insight insight = services.insight();
    Clock clock = Clock.systemUTC();
    router.get("/api/v1/rankings").handler(anyKey(new RankingsEndpoint(vertx, insight, clock)));
    router.get("/api/v1/savings").handler(anyKey(new SavingsEndpoint(vertx, insight)));
    router.get("/api/v1/energy").handler(anyKey(new EnergyEndpoint(vertx, insight)));
    router
        .get("/api/v1/activity")
        .handler(anyKey(new ActivityEndpoint(vertx, insight, services.catalog(), clock)));
    DashboardRoutes.register(router, vertx, services, this::anyKey);
  }

  /** The caller's key and credits (any key), and the admin key API (admin keys only). */
  private void keys(Router router, KeyUsageSource usage) {
    router.get("/api/v1/key").handler(anyKey(new KeyEndpoint(vertx, usage)));
    router.get("/api/v1/credits").handler(anyKey(new CreditsEndpoint(vertx, usage)));
    KeysAdminEndpoint admin = new KeysAdminEndpoint(vertx, keys, usage, formats);
    router.get("/api/v1/keys").handler(admin.list());
    router.post("/api/v1/keys").handler(admin.create());
    router.get("/api/v1/keys/:id").handler(admin.one());
    router.patch("/api/v1/keys/:id").handler(admin.update());
    router.delete("/api/v1/keys/:id").handler(admin.delete());
  }

  /** The format whose clients list models in their own shape, if this request is one of theirs. */
  private static Optional<ModelListing> listingFor(RouteFormats formats, RoutingContext ctx) {
    Map<String, String> headers = new HashMap<>();
    ctx.request()
        .headers()
        .forEach(
            header -> headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
    return formats.all().stream()
        .filter(ModelListing.class::isInstance)
        .map(ModelListing.class::cast)
        .filter(listing -> listing.recognizes(headers))
        .findFirst();
  }

  private static String modelId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return id != null ? id : ctx.pathParam("author") + "/" + ctx.pathParam("slug");
  }

  private Handler<RoutingContext> maybePublic(
      boolean open, Function<RoutingContext, Future<byte[]>> body) {
    return open ? ctx -> reply(ctx, body.apply(ctx)) : authenticated((ctx, key) -> body.apply(ctx));
  }

  /** A JSON GET for a valid key. */
  private Handler<RoutingContext> authenticated(
      BiFunction<RoutingContext, ApiKey, Future<byte[]>> body) {
    return ctx ->
        reply(
            ctx,
            ClientCredentials.authenticate(keys, vertx, ctx.request())
                .compose(key -> body.apply(ctx, key)));
  }

  /** A JSON GET for any valid key, admin keys included. */
  private Handler<RoutingContext> anyKey(BiFunction<RoutingContext, ApiKey, Future<byte[]>> body) {
    return ctx ->
        reply(
            ctx,
            ClientCredentials.authenticateAny(keys, vertx, ctx.request())
                .compose(key -> body.apply(ctx, key)));
  }

  private void reply(RoutingContext ctx, Future<byte[]> body) {
    body.onSuccess(bytes -> Replies.json(ctx.response(), 200, bytes))
        .onFailure(error -> Replies.refuse(ctx.request(), formatOf(ctx), Failures.logged(error)));
  }

  private WireFormat formatOf(RoutingContext ctx) {
    return formats.forPath(ctx.normalizedPath());
  }

  private void notFound(RoutingContext ctx) {
    Replies.refuse(
        ctx.request(),
        formatOf(ctx),
        GatewayError.of(
            ErrorKind.NOT_FOUND,
            "no route for " + ctx.request().method() + " " + ctx.normalizedPath()));
  }

  private void methodNotAllowed(Router router, RoutingContext ctx) {
    TreeSet<String> allowed = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() != null
          && route.methods() != null
          && matches(route.getPath(), ctx.normalizedPath())) {
        route.methods().forEach(method -> allowed.add(method.name()));
      }
    }
    String allow = String.join(", ", allowed);
    ctx.response().putHeader("allow", allow);
    Replies.refuse(
        ctx.request(),
        formatOf(ctx),
        GatewayError.of(
            ErrorKind.METHOD_NOT_ALLOWED,
            ctx.request().method()
                + " is not allowed on "
                + ctx.normalizedPath()
                + "; use "
                + allow));
  }

  /** Whether a route path ({@code :name} segments match any one segment) covers a request path. */
  static boolean matches(String routePath, String path) {
    String[] want = routePath.split("/", -1);
    String[] got = path.split("/", -1);
    if (want.length != got.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      boolean param = want[i].startsWith(":") && !got[i].isEmpty();
      if (!param && !want[i].equals(got[i])) {
        return false;
      }
    }
    return true;
  }

  private static GatewayError failure(int status, RoutingContext ctx) {
    Throwable error = ctx.failure();
    if (error instanceof GatewayError gateway) {
      return gateway;
    }
    if (status == 400) {
      return GatewayError.of(ErrorKind.INVALID_REQUEST, "bad request");
    }
    return Failures.logged(error == null ? new IllegalStateException("HTTP " + status) : error);
  }
}
