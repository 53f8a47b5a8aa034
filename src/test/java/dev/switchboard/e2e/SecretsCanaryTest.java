package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.Config;
import dev.switchboard.sim.SimOptions;
import dev.switchboard.sim.SimProvider;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Canary keys pushed through every error path: provider keys (one in a bearer header, one not
 * shaped like a key, one carried in the URL as {@code ?key=}) reach providers that echo the request
 * into their errors (401, 403, 400, 500, a text 502, an error event, a malformed event), redirect
 * with the key in the Location, or cannot be connected to at all; client keys that do not exist or
 * are revoked knock at every route. Not one canary may show in a response (the generation,
 * endpoints and metrics reports included), a log record at any level, or the database files and
 * tables (attempts too).
 */
class SecretsCanaryTest {
  private static final String BEARER_KEY = "sk-canary-prov-7Qe4x9";
  private static final String PLAIN_KEY = "canaryPlainProvKey0042";
  private static final String URL_KEY = "canaryUrlKey0042x";
  private static final String CLIENT_KEY = "sk-sb-v1-canaryClientKey" + "Q".repeat(25);
  private static final List<String> ECHOES =
      List.of(
          "echo-json-401",
          "echo-json-403",
          "echo-json-400",
          "echo-json-500",
          "echo-text-502",
          "echo-in-stream",
          "echo-malformed");

  /** Transport failures, at the provider whose key is in the URL that timeouts may quote. */
  private static final List<String> TRANSPORT = List.of("drop", "stall", "silent", "ok");

  private static final List<String> SIM_FAULTS =
      List.of(
          "status-401",
          "status-403",
          "status-500",
          "disconnect-before-headers",
          "disconnect-mid-stream",
          "stall-after-first-event",
          "malformed-event",
          "error-in-stream",
          "no-terminal",
          "slow-first-token-3000");
  private static final List<String> PROVIDERS = List.of("leak-bearer", "leak-plain", "leak-url");

  /**
   * Providers elsewhere: one nobody listens for (the URL key in its base URL), and redirects whose
   * Location echoes the key sent (bearer; bearer and URL key).
   */
  private static final List<String> ELSEWHERE =
      List.of("leak/refused", "leak/redirect-302", "leak/redirect-307");

  private static final Logger ROOT = Logger.getLogger("");
  // The request log writes to its own handler, not through the root's: capture it there too.
  private static final Logger REQUESTS = Logger.getLogger("switchboard.requests");
  private static final ConcurrentLinkedQueue<String> LOGGED = new ConcurrentLinkedQueue<>();
  private static final Handler CAPTURE = new Capture();
  private static Level rootLevel;
  private static Vertx vertx;
  private static FakeProvider fake;
  private static RedirectingProvider redirecting;
  private static SimProvider sim;
  private static TestGateway gateway;

  @BeforeAll
  static void start() {
    rootLevel = ROOT.getLevel();
    ROOT.setLevel(Level.ALL);
    CAPTURE.setLevel(Level.ALL);
    ROOT.addHandler(CAPTURE);
    REQUESTS.addHandler(CAPTURE);
    vertx = Vertx.vertx();
    fake = FakeProvider.start(vertx);
    redirecting = RedirectingProvider.start(vertx);
    sim =
        SimProvider.start(vertx, SimOptions.defaults())
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    gateway =
        TestGateway.start(
            new Config.Server("127.0.0.1", 0, 64 * 1024, Duration.ofMillis(200)),
            new Config.Upstream(Duration.ofSeconds(2), Duration.ofSeconds(1), 8),
            catalog());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    ROOT.removeHandler(CAPTURE);
    REQUESTS.removeHandler(CAPTURE);
    ROOT.setLevel(rootLevel);
    fake.close();
    redirecting.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void noCanary_reachesAResponseALogOrTheDatabase_throughAnyErrorPath()
      throws IOException, SQLException {
    List<String> seen = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    String key = gateway.gateway.keys().create("canary-test", OptionalLong.empty()).secret();
    String revoked = gateway.gateway.keys().create("revoked", OptionalLong.empty()).secret();
    gateway.gateway.keys().revoke("revoked");
    List<String> models = new ArrayList<>();
    ECHOES.forEach(b -> PROVIDERS.forEach(p -> models.add("leak/" + p + "-" + b)));
    TRANSPORT.forEach(b -> models.add("leak/leak-url-" + b));
    SIM_FAULTS.forEach(f -> models.add("leak/sim-" + f));
    models.addAll(ELSEWHERE);
    models.add("leak/fallback");
    for (String model : models) {
      for (boolean stream : List.of(false, true)) {
        HttpResponse<String> response =
            gateway.post("/v1/chat/completions", key, GatewayHarness.body(model, stream, ""));
        seen.add(model + " stream=" + stream + " -> " + describe(response));
        response.headers().firstValue("x-generation-id").ifPresent(ids::add);
      }
    }
    for (String stranger : List.of(CLIENT_KEY, revoked)) {
      for (boolean stream : List.of(false, true)) {
        seen.add(
            describe(
                gateway.post(
                    "/v1/chat/completions", stranger, GatewayHarness.body("leak/x", stream, ""))));
      }
      seen.add(describe(gateway.get("/v1/models", stranger)));
      seen.add(describe(gateway.get("/v1/generation?id=" + ids.getFirst(), stranger)));
    }
    for (String id : ids) {
      seen.add(describe(gateway.get("/v1/generation?id=" + id, key)));
    }
    // Reports that read the attempts: per-deployment health, and the metrics.
    for (String model : List.of("leak/leak-bearer-echo-json-500", "leak/redirect-302")) {
      seen.add(describe(gateway.get("/api/v1/models/" + model + "/endpoints", key)));
    }
    seen.add(describe(gateway.get("/metrics", key)));
    List<String> canaries = List.of(BEARER_KEY, PLAIN_KEY, URL_KEY, CLIENT_KEY, revoked);
    ids.forEach(gateway::awaitRow);
    String database = databaseBytes() + tables();

    assertThat(seen).as("the paths were driven").hasSizeGreaterThan(60);
    assertThat(String.join("\n", seen))
        .as("an echo reached clients, our words around it")
        .contains("HTTP 401 (echoed_request): request was: POST")
        .contains("error event in stream (echoed_request)")
        .contains("provider 'leak-refused' failed")
        .contains("provider 'leak-redirect-302' failed");
    assertThat(redirecting.targetHits).as("redirects followed").isEmpty();
    assertThat(LOGGED).as("request failures were logged").anyMatch(l -> l.contains("HTTP 401"));
    for (String canary : canaries) {
      String fragment = canary.substring(canary.length() - 10);
      assertThat(seen).as("responses").noneMatch(text -> text.contains(fragment));
      assertThat(LOGGED).as("log records").noneMatch(text -> text.contains(fragment));
      assertThat(database).as("database and WAL").doesNotContain(fragment);
    }
    assertThat(LOGGED)
        .as("a request failure is one log line, whatever the provider sent")
        .filteredOn(text -> text.startsWith("switchboard.requests"))
        .isNotEmpty()
        .noneMatch(text -> text.contains("\n") || text.contains("\r"));
  }

  @Test
  void aProvidersError_isOurWordsAndItsStatus_onOneLine() {
    String key = gateway.gateway.keys().create("words", OptionalLong.empty()).secret();
    HttpResponse<String> response =
        gateway.post(
            "/v1/chat/completions",
            key,
            GatewayHarness.body("leak/leak-bearer-echo-json-401", false, ""));
    JsonNode error = GatewayHarness.json(response.body()).get("error");
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(error.get("message").asText())
        .startsWith("provider 'leak-bearer' failed: HTTP 401 (echoed_request): request was:")
        .contains("authorization: Bearer [redacted]")
        .doesNotContain("\n", "\r", "7Qe4x9");
  }

  private static String describe(HttpResponse<String> response) {
    return response.statusCode() + " " + response.headers().map() + " " + response.body();
  }

  /** Every table's rows as text, read through SQLite (the attempts table included). */
  private static String tables() throws SQLException {
    StringBuilder all = new StringBuilder();
    try (Connection c = gateway.gateway.database().connection();
        Statement statement = c.createStatement()) {
      for (String table : List.of("requests", "attempts", "api_keys", "idempotency", "meta")) {
        try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              all.append(rows.getString(i)).append('|');
            }
            all.append('\n');
          }
        }
      }
    }
    return all.toString();
  }

  private static String databaseBytes() throws IOException {
    StringBuilder all = new StringBuilder();
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      Path file = Path.of(gateway.database + suffix);
      if (Files.exists(file)) {
        all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  private static String catalog() {
    StringBuilder yaml = new StringBuilder("models:\n");
    StringBuilder deployments = new StringBuilder("deployments:\n");
    for (String provider : PROVIDERS) {
      for (String behaviour : provider.equals("leak-url") ? union() : ECHOES) {
        String model = "leak/" + provider + "-" + behaviour;
        yaml.append(TestGateway.model(model));
        deployments.append(deployment(model, provider, behaviour));
      }
    }
    for (String fault : SIM_FAULTS) {
      yaml.append(TestGateway.model("leak/sim-" + fault));
      deployments.append(deployment("leak/sim-" + fault, "leak-sim", "m+fault=" + fault));
    }
    for (String model : ELSEWHERE) {
      yaml.append(TestGateway.model(model));
      String provider = model.replace("leak/", "leak-");
      deployments.append(deployment(model, provider, "ok"));
    }
    yaml.append(TestGateway.model("leak/fallback"));
    deployments
        .append(deployment("leak/fallback", "leak-bearer", "echo-json-500"))
        .append(deployment("leak/fallback", "leak-plain", "echo-text-502"))
        .append(deployment("leak/fallback", "leak-url", "echo-in-stream"));
    String base = fake.baseUrl();
    String bearer = "api_key: " + BEARER_KEY;
    return yaml.append("providers:\n")
        .append(provider("leak-bearer", base, "api_key: " + BEARER_KEY))
        .append(provider("leak-plain", base, "api_key: " + PLAIN_KEY))
        .append(provider("leak-url", base + "?key=" + URL_KEY, "auth: none"))
        .append(provider("leak-sim", sim.baseUrl("leak-sim"), "api_key: " + BEARER_KEY))
        .append(
            provider(
                "leak-refused", "http://127.0.0.1:" + closedPort() + "/v1?key=" + URL_KEY, bearer))
        .append(provider("leak-redirect-302", redirecting.baseUrl(302), bearer))
        .append(provider("leak-redirect-307", redirecting.baseUrl(307) + "?key=" + URL_KEY, bearer))
        .append(deployments)
        .toString();
  }

  /** A port nothing listens on: connecting to it is refused. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> union() {
    List<String> all = new ArrayList<>(ECHOES);
    all.addAll(TRANSPORT);
    return all;
  }

  private static String provider(String id, String baseUrl, String auth) {
    return "  - {id: %s, name: %s, format: openai, base_url: \"%s\", %s, jurisdiction: US}\n"
        .formatted(id, id, baseUrl, auth);
  }

  private static String deployment(String model, String provider, String upstreamModel) {
    return "  - {model: %s, provider: %s, upstream_model: \"%s\", price: {input: 1, output: 1}}\n"
        .formatted(model, provider, upstreamModel);
  }

  /** Keeps every record as the text a log file would hold: message, parameters and stack. */
  private static final class Capture extends Handler {
    @Override
    public void publish(LogRecord record) {
      StringBuilder text = new StringBuilder(record.getLoggerName()).append(' ');
      String message = String.valueOf(record.getMessage());
      Object[] parameters = record.getParameters();
      try {
        text.append(parameters == null ? message : MessageFormat.format(message, parameters));
      } catch (IllegalArgumentException e) {
        text.append(message).append(' ').append(Arrays.toString(parameters));
      }
      for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
        text.append(" | ").append(t);
      }
      LOGGED.add(text.toString());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
