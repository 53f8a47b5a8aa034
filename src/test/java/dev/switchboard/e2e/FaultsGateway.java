package dev.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.Switchboard;
import dev.switchboard.attempt.Attempt;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Provider;
import dev.switchboard.config.Config;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.sim.SimProvider;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A gateway for the fault scenarios: the routes of {@code e2e/routing-faults-catalog.yaml} on the
 * simulator (the x-sim-fault header forwarded), a fake provider and a dead port; short timeouts;
 * every attempt it makes recorded in order.
 */
final class FaultsGateway implements AutoCloseable {
  /** Idle window of the upstream connections: a stall after content is cut after this. */
  static final Duration IDLE = Duration.ofSeconds(1);

  final Switchboard gateway;
  final String key;
  final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private FaultsGateway(Config config, Catalog catalog) {
    gateway = Switchboard.start(config, catalog, Clock.systemUTC(), attempts::add);
    key = gateway.keys().create("faults", OptionalLong.empty()).secret();
  }

  /**
   * {@code firstToken} and {@code deadline} for every model; the retry budget as given (ratio up to
   * 10 means "never in the way"). Ejection is out of reach, so health never reorders routes.
   */
  static FaultsGateway start(
      SimProvider sim,
      FakeProvider fake,
      Duration firstToken,
      Duration deadline,
      double retryRatio,
      int retryMinPerSecond) {
    Config.Routing d = Config.Routing.defaults();
    Config.Routing routing =
        new Config.Routing(
            firstToken,
            Map.of(),
            deadline,
            retryRatio,
            retryMinPerSecond,
            1_000_000,
            d.ejectFor(),
            d.ejectForAtMost(),
            d.spreadPercent(),
            d.provider(),
            d.presets(),
            dev.switchboard.wire.Json.object());
    try {
      Config config =
          new Config(
                  new Config.Server("127.0.0.1", 0, 64 * 1024, Duration.ofMillis(200)),
                  new Config.Storage(
                      Files.createTempDirectory("switchboard-faults").resolve("ledger.db")),
                  new Config.Upstream(Duration.ofSeconds(2), IDLE, 32)
                      .withForwardSimFaultHeader(true),
                  catalogTree())
              .withRouting(routing);
      JsonNode shipped = EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "catalog");
      Catalog catalog =
          Catalog.load(shipped, config.catalog())
              .withProviders(provider -> pointed(provider, sim, fake));
      return new FaultsGateway(config, catalog);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The dead provider keeps its refusing port; the fake its own server; the rest the simulator. */
  private static Provider pointed(Provider p, SimProvider sim, FakeProvider fake) {
    if (p.id().equals("dead")) {
      return p;
    }
    String baseUrl = p.id().equals("fake") ? fake.baseUrl() : sim.baseUrl(p.id());
    return new Provider(
        p.id(),
        p.name(),
        p.format(),
        baseUrl,
        Optional.of("sim-provider-key"),
        p.jurisdiction(),
        p.dataPolicy());
  }

  private static JsonNode catalogTree() throws IOException {
    try (InputStream in =
        FaultsGateway.class.getResourceAsStream("/e2e/routing-faults-catalog.yaml")) {
      return Json.yaml().readTree(in);
    }
  }

  /** An OpenAI chat request for {@code model}, with header name/value pairs. */
  HttpResponse<String> chat(String model, boolean stream, String... headers) {
    return post("/v1/chat/completions", GatewayHarness.body(model, stream, ""), headers);
  }

  HttpResponse<String> post(String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("content-type", "application/json")
            .header("authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(20));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends a chat request on a raw socket, so a test can hang up while it is in flight. */
  Socket open(String model, boolean stream) throws IOException {
    Socket socket = new Socket("127.0.0.1", gateway.port());
    RawHttp.writeChat(socket, key, model, stream);
    return socket;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + gateway.port() + path);
  }

  /** The ledger row of an answer, named by its X-Generation-Id header. */
  UsageRecord row(HttpResponse<String> response) {
    return row(response.headers().firstValue("x-generation-id").orElseThrow());
  }

  /** The ledger row of a generation, once written; fails after a generous deadline. */
  UsageRecord row(String generationId) {
    return TestGateway.awaitRow(gateway, generationId);
  }

  /** The attempts of one generation, in order (all reported before its ledger row is written). */
  List<Attempt> attemptsOf(String generationId) {
    return attempts.stream().filter(a -> a.generationId().equals(generationId)).toList();
  }

  List<Attempt> attemptsOf(HttpResponse<String> response) {
    return attemptsOf(response.headers().firstValue("x-generation-id").orElseThrow());
  }

  /** The attempts made for a catalog model, in order. */
  List<Attempt> attemptsFor(String modelId) {
    return attempts.stream().filter(a -> a.modelId().equals(modelId)).toList();
  }

  @Override
  public void close() {
    gateway.close();
    http.close();
  }
}
