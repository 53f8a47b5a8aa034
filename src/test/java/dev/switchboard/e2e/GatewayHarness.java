package dev.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.Switchboard;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.config.Transport;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.sim.SimOptions;
import dev.switchboard.sim.SimProvider;
import dev.switchboard.wire.Json;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * The real gateway on a random port in front of the simulator, over real sockets, with an SQLite
 * ledger in a temporary directory. One instance is shared by the end-to-end test classes.
 */
final class GatewayHarness {
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
  static final Duration KEEP_ALIVE = Duration.ofMillis(200);
  private static GatewayHarness shared;

  final Vertx simVertx = Vertx.vertx();
  final SimProvider sim;
  final Catalog catalog;
  final Config config;
  final Clock clock;
  Switchboard gateway;
  final String key;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  // The shared gateway's event loops: -Dswitchboard.e2e.transport=io_uring runs the suite on
  // io_uring, -Dswitchboard.e2e.busy_poll_us=200 with loops that poll for 200 us before blocking.
  private GatewayHarness() throws IOException {
    this(
        Clock.systemUTC(),
        IDLE_TIMEOUT,
        server ->
            server
                .withTransport(
                    "io_uring".equals(System.getProperty("switchboard.e2e.transport"))
                        ? Transport.IO_URING
                        : Transport.NATIVE)
                .withBusyPoll(
                    Duration.ofNanos(Long.getLong("switchboard.e2e.busy_poll_us", 0) * 1000)));
  }

  /** An instance of one's own (close it), with the gateway's clock and upstream idle timeout. */
  GatewayHarness(Clock clock, Duration idleTimeout) throws IOException {
    this(clock, idleTimeout, UnaryOperator.identity());
  }

  /** As {@link #GatewayHarness(Clock, Duration)}, its listener changed by {@code server}. */
  GatewayHarness(Clock clock, Duration idleTimeout, UnaryOperator<Config.Server> server)
      throws IOException {
    this.clock = clock;
    sim =
        SimProvider.start(simVertx, SimOptions.defaults())
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    warmSimulator();
    Path dir = Files.createTempDirectory("switchboard-e2e");
    config =
        new Config(
            server.apply(new Config.Server("127.0.0.1", 0, 64 * 1024, KEEP_ALIVE)),
            new Config.Storage(dir.resolve("ledger.db")),
            new Config.Upstream(Duration.ofSeconds(2), idleTimeout, 32),
            testCatalog());
    JsonNode shipped = EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "catalog");
    catalog = Switchboard.simulated(Catalog.load(shipped, config.catalog()), sim);
    gateway = Switchboard.start(config, catalog, clock);
    key = gateway.keys().create("e2e", OptionalLong.empty()).secret();
  }

  /**
   * The simulator loads its tokenizer on its first request, on its event loop: seconds on a busy
   * machine, longer than the gateway's upstream timeout here. One direct request pays for it.
   */
  private void warmSimulator() {
    send(
        HttpRequest.newBuilder(URI.create(sim.baseUrl("deepseek") + "/chat/completions"))
            .header("authorization", "Bearer warm")
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body("deepseek-chat", false, "")))
            .timeout(Duration.ofSeconds(55))
            .build());
  }

  static synchronized GatewayHarness shared() {
    if (shared == null) {
      try {
        shared = new GatewayHarness();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    shared.gateway.close();
                    shared.simVertx.close();
                  }));
    }
    return shared;
  }

  /** Stops the gateway and starts a new one on the same database file (on another port). */
  void restart() {
    gateway.close();
    gateway = Switchboard.start(config, catalog, clock);
  }

  void close() {
    gateway.close();
    simVertx.close().toCompletionStage().toCompletableFuture().join();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + gateway.port() + path);
  }

  HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(uri(path))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(20));
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> chat(String body) {
    return send(post("/v1/chat/completions", body).build());
  }

  Optional<UsageRecord> ledgerRow(String generationId) {
    return gateway.ledger().find(generationId);
  }

  static String body(String model, boolean stream, String extra) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":"
        + stream
        + extra
        + ",\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},{\"role\":\"user\",\"content\":\"Say something about routers.\"}]}";
  }

  static JsonNode json(String text) {
    try {
      return Json.tree(text);
    } catch (dev.switchboard.wire.WireException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  static JsonNode testCatalog() throws IOException {
    try (InputStream in = GatewayHarness.class.getResourceAsStream("/e2e/test-catalog.yaml")) {
      return Json.yaml().readTree(in);
    }
  }
}
