package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation, route by route: every route of the real router must be classified here by who
 * may call it, so a new endpoint cannot ship unprobed. Each class is then probed over a socket with
 * no key, a revoked key, another key and the owner's key.
 */
class RouteAccessTest {
  /** Who may call a route. */
  enum Access {
    /** Anyone: health, the model list (public by default, as OpenRouter's). */
    PUBLIC,
    /** Any valid client key: the chat endpoint. An admin key gets 403. */
    KEY,
    /** Any valid key, admin keys too: the caller's own key and credits. */
    ANY_KEY,
    /** Only the key that owns the data behind {@code ?id=}; any other key gets 404. */
    OWNER,
    /** Only an admin key: ordinary keys get 403. */
    ADMIN,
    /** Not an endpoint: the failure handler every route shares. */
    FAILURE_HANDLER
  }

  private static final Map<String, Access> CLASSIFIED =
      Map.ofEntries(
          Map.entry("POST /v1/chat/completions", Access.KEY),
          Map.entry("POST /api/v1/chat/completions", Access.KEY),
          Map.entry("POST /v1/messages", Access.KEY),
          Map.entry("POST /v1/messages/count_tokens", Access.KEY),
          Map.entry("POST /v1beta/models/:action", Access.KEY),
          Map.entry("POST /v1beta/models/:author/:action", Access.KEY),
          Map.entry("GET /v1/models", Access.PUBLIC),
          Map.entry("GET /v1/models/:author/:slug", Access.PUBLIC),
          Map.entry("GET /v1/models/:id", Access.PUBLIC),
          Map.entry("GET /v1/models/:author/:slug/endpoints", Access.PUBLIC),
          Map.entry("GET /api/v1/models/:author/:slug/endpoints", Access.PUBLIC),
          Map.entry("GET /v1/generation", Access.OWNER),
          Map.entry("GET /api/v1/generation", Access.OWNER),
          Map.entry("POST /api/v1/policy/scan", Access.KEY),
          // Any valid key, which sees its own requests only; an admin key sees every key's.
          Map.entry("GET /api/v1/spend", Access.ANY_KEY),
          Map.entry("GET /api/v1/rankings", Access.ANY_KEY),
          Map.entry("GET /api/v1/savings", Access.ANY_KEY),
          Map.entry("GET /api/v1/energy", Access.ANY_KEY),
          Map.entry("GET /api/v1/activity", Access.ANY_KEY),
          Map.entry("GET /api/v1/requests", Access.ANY_KEY),
          // The gateway's health, not a key's data.
          Map.entry("GET /api/v1/deployments/health", Access.ANY_KEY),
          // The dashboard's page and assets hold no data; it asks for a key.
          Map.entry("GET /", Access.PUBLIC),
          Map.entry("GET /dashboard/app.js", Access.PUBLIC),
          Map.entry("GET /dashboard/charts.js", Access.PUBLIC),
          Map.entry("GET /dashboard/format.js", Access.PUBLIC),
          Map.entry("GET /dashboard/app.css", Access.PUBLIC),
          Map.entry("GET /dashboard/echarts.min.js", Access.PUBLIC),
          Map.entry("GET /api/v1/key", Access.ANY_KEY),
          Map.entry("GET /api/v1/credits", Access.ANY_KEY),
          Map.entry("GET /api/v1/keys", Access.ADMIN),
          Map.entry("POST /api/v1/keys", Access.ADMIN),
          Map.entry("GET /api/v1/keys/:id", Access.ADMIN),
          Map.entry("PATCH /api/v1/keys/:id", Access.ADMIN),
          Map.entry("DELETE /api/v1/keys/:id", Access.ADMIN),
          Map.entry("GET /health", Access.PUBLIC),
          Map.entry("GET /health/ready", Access.PUBLIC),
          Map.entry("GET /metrics", Access.PUBLIC),
          Map.entry("HEAD /api/hello", Access.PUBLIC),
          Map.entry("ANY *", Access.FAILURE_HANDLER));

  private static final String MODEL = "deepseek/deepseek-v3.2";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static EdgeHarness edge;
  private static GatewayVerticle gateway;
  private static String owner;
  private static String other;
  private static String revoked;
  private static String admin;

  @BeforeAll
  static void start() throws IOException {
    edge = new EdgeHarness(WireFormats.all());
    gateway = edge.gateway;
    owner = edge.key("owner");
    other = edge.key("other");
    var toRevoke = edge.keys.create("revoked", OptionalLong.empty());
    edge.keys.revoke(toRevoke.key().id());
    revoked = toRevoke.secret();
    admin = edge.keys.create("admin", dev.switchboard.account.KeyRules.NONE, true).secret();
  }

  @AfterAll
  static void stop() {
    edge.close();
  }

  @Test
  void everyRouteIsClassified_andBehavesAsItsClassSays() throws Exception {
    Map<String, Access> routes = new TreeMap<>();
    for (Route route : gateway.router().getRoutes()) {
      String name = describe(route);
      assertThat(CLASSIFIED)
          .as("route %s is not classified in RouteAccessTest: who may call it?", name)
          .containsKey(name);
      routes.put(name, CLASSIFIED.get(name));
    }
    String generation = ownersGeneration();
    for (Map.Entry<String, Access> route : routes.entrySet()) {
      probe(route.getKey(), route.getValue(), generation);
    }
  }

  private static void probe(String route, Access access, String generation) throws Exception {
    String method = route.substring(0, route.indexOf(' '));
    String path =
        route
            .substring(route.indexOf(' ') + 1)
            .replace(":author/:slug", MODEL)
            // Gemini's paths name the model and the method.
            .replace(":author/:action", MODEL + ":generateContent")
            .replace(":action", MODEL.replace("/", "%2F") + ":generateContent")
            .replace(":id", MODEL.replace("/", "%2F"));
    switch (access) {
      case PUBLIC -> assertThat(status(method, path, "")).as(route).isEqualTo(200);
      case KEY -> {
        assertThat(status(method, path, "")).as(route).isEqualTo(401);
        assertThat(status(method, path, revoked)).as(route).isEqualTo(401);
        assertThat(status(method, path, admin)).as("an admin key on " + route).isEqualTo(403);
        assertThat(status(method, path, owner)).as(route).isEqualTo(200);
      }
      case ANY_KEY -> {
        assertThat(status(method, path, "")).as(route).isEqualTo(401);
        assertThat(status(method, path, revoked)).as(route).isEqualTo(401);
        assertThat(status(method, path, admin)).as(route).isEqualTo(200);
        assertThat(status(method, path, owner)).as(route).isEqualTo(200);
      }
      case OWNER -> {
        String byId = path + "?id=" + generation;
        assertThat(status(method, byId, "")).as(route).isEqualTo(401);
        assertThat(status(method, byId, revoked)).as(route).isEqualTo(401);
        assertThat(status(method, byId, other)).as("another key's id on " + route).isEqualTo(404);
        assertThat(status(method, byId, owner)).as(route).isEqualTo(200);
      }
      case ADMIN -> {
        assertThat(status(method, path, "")).as(route).isEqualTo(401);
        assertThat(status(method, path, revoked)).as(route).isEqualTo(401);
        assertThat(status(method, path, owner)).as("an ordinary key on " + route).isEqualTo(403);
        assertThat(status(method, path, admin)).as("the admin key on " + route).isNotIn(401, 403);
      }
      case FAILURE_HANDLER -> {
        // Reached only through a failing route; the routes above exercise it.
      }
    }
  }

  private static String describe(Route route) {
    String methods =
        route.methods() == null || route.methods().isEmpty()
            ? "ANY"
            : route.methods().stream()
                .map(HttpMethod::name)
                .sorted()
                .collect(Collectors.joining(","));
    return methods + " " + (route.getPath() == null ? "*" : route.getPath());
  }

  private static String ownersGeneration() throws Exception {
    HttpResponse<String> chat = send("POST", "/v1/chat/completions", owner);
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    return chat.headers().firstValue("x-generation-id").orElseThrow();
  }

  private static int status(String method, String path, String key) throws Exception {
    HttpResponse<String> response = send(method, path, key);
    if (response.statusCode() != 200) {
      JsonNode error = errorOf(response.body());
      assertThat(error.get("message").asText()).as(response.body()).isNotBlank();
    }
    return response.statusCode();
  }

  private static HttpResponse<String> send(String method, String path, String key)
      throws Exception {
    String body = bodyFor(path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
            // A deadline, not an expectation: a cold gateway's first chat takes seconds on a busy
            // CI.
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                method.equals("POST")
                    ? HttpRequest.BodyPublishers.ofString(body)
                    : HttpRequest.BodyPublishers.noBody());
    if (!key.isEmpty()) {
      request.header("authorization", "Bearer " + key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A minimal chat request in the format of the route's path. */
  private static String bodyFor(String path) {
    if (path.startsWith("/v1/messages")) {
      return "{\"model\":\""
          + MODEL
          + "\",\"max_tokens\":50,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }
    if (path.startsWith("/v1beta/")) {
      return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
    }
    return "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static JsonNode errorOf(String body) {
    try {
      return Json.tree(body).get("error");
    } catch (WireException e) {
      throw new AssertionError("not an OpenAI error: " + body, e);
    }
  }
}
