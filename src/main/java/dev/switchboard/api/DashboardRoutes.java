package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The dashboard: its page at {@code /}, its scripts and style sheet and ECharts (from the WebJar in
 * the jar) under {@code /dashboard/}, and the two endpoints only it needs: the live request log and
 * the health of every deployment. The page is public, holds no data and asks for a key; the key
 * stays in the browser tab (sessionStorage) and every data call sends it.
 */
final class DashboardRoutes {
  /** The ECharts version of the WebJar in pom.xml. */
  static final String ECHARTS_VERSION = "5.3.1";

  private static final String ECHARTS =
      "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";

  /** Scripts and styles from this origin only; ECharts sets inline styles on its tooltips. */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  /** Path -> resource on the class path and its content type. */
  private static final Map<String, Asset> ASSETS =
      Map.of(
          "/", new Asset("dashboard/index.html", "text/html; charset=utf-8"),
          "/dashboard/app.js", new Asset("dashboard/app.js", "text/javascript; charset=utf-8"),
          "/dashboard/app.css", new Asset("dashboard/app.css", "text/css; charset=utf-8"),
          "/dashboard/format.js",
              new Asset("dashboard/format.js", "text/javascript; charset=utf-8"),
          "/dashboard/charts.js",
              new Asset("dashboard/charts.js", "text/javascript; charset=utf-8"),
          "/dashboard/echarts.min.js", new Asset(ECHARTS, "text/javascript; charset=utf-8"));

  /** The assets' bytes, read from the jar on first request, once per process. */
  private static final Map<String, byte[]> LOADED = new ConcurrentHashMap<>();

  private DashboardRoutes() {}

  /** A static file of the dashboard, read once from the class path. */
  private record Asset(String resource, String contentType) {
    byte[] load() {
      try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("the dashboard asset " + resource + " is not in the jar");
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the dashboard asset " + resource, e);
      }
    }
  }

  /**
   * Adds the page, its assets and its endpoints to {@code router}; {@code anyKey} wraps an endpoint
   * for any valid key (admin keys see everyone's requests).
   */
  static void register(
      Router router,
      Vertx vertx,
      GatewayVerticle.Services services,
      Function<BiFunction<RoutingContext, ApiKey, Future<byte[]>>, Handler<RoutingContext>>
          anyKey) {
    ASSETS.forEach((path, asset) -> router.get(path).handler(serve(vertx, asset)));
    router
        .get("/api/v1/requests")
        .handler(anyKey.apply(new RequestLogEndpoint(vertx, services.ledgerReader())));
    DeploymentHealthEndpoint health =
        new DeploymentHealthEndpoint(services.catalog(), services.health());
    router
        .get("/api/v1/deployments/health")
        .handler(anyKey.apply((ctx, key) -> Future.succeededFuture(health.all())));
  }

  /**
   * Serves {@code asset}, read on its first request (on a worker: the jar is a file) so that a
   * gateway whose dashboard nobody opens does not hold ECharts' megabyte. Each event loop keeps a
   * Buffer of its own: a Buffer is not for sharing between threads.
   */
  private static Handler<RoutingContext> serve(Vertx vertx, Asset asset) {
    Buffer[] body = new Buffer[1];
    return ctx -> {
      if (body[0] != null) {
        send(ctx, body[0], asset);
        return;
      }
      vertx
          .executeBlocking(() -> LOADED.computeIfAbsent(asset.resource(), ignored -> asset.load()))
          .onSuccess(
              bytes -> {
                body[0] = Buffer.buffer(bytes);
                send(ctx, body[0], asset);
              })
          .onFailure(ctx::fail);
    };
  }

  private static void send(RoutingContext ctx, Buffer body, Asset asset) {
    ctx.response()
        .putHeader("content-type", asset.contentType())
        .putHeader("content-security-policy", CONTENT_SECURITY_POLICY)
        .putHeader("x-content-type-options", "nosniff")
        .putHeader("referrer-policy", "no-referrer")
        // The page is small and changes with the jar: always revalidated, never stale.
        .putHeader("cache-control", "no-cache")
        .end(body);
  }
}
