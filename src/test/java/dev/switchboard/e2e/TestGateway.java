package dev.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.Switchboard;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A gateway of its own for a test class that needs other limits or catalog entries than the shared
 * {@link GatewayHarness}: real sockets, SQLite in a temporary directory.
 */
final class TestGateway implements AutoCloseable {
  final Switchboard gateway;
  final Path database;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private TestGateway(Switchboard gateway, Path database) {
    this.gateway = gateway;
    this.database = database;
  }

  /** {@code catalogYaml}: the config's catalog section (models, providers, deployments). */
  static TestGateway start(Config.Server server, Config.Upstream upstream, String catalogYaml) {
    return start(server, upstream, Config.Routing.defaults(), catalogYaml);
  }

  /** As {@link #start(Config.Server, Config.Upstream, String)} with these routing settings. */
  static TestGateway start(
      Config.Server server, Config.Upstream upstream, Config.Routing routing, String catalogYaml) {
    try {
      Path database = Files.createTempDirectory("switchboard-test").resolve("ledger.db");
      JsonNode overrides = Json.yaml().readTree(catalogYaml);
      Config config =
          new Config(server, new Config.Storage(database), upstream, overrides)
              .withRouting(routing);
      JsonNode shipped = EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "catalog");
      Catalog catalog = Catalog.load(shipped, config.catalog());
      return new TestGateway(Switchboard.start(config, catalog), database);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpResponse<String> post(String path, String key, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("content-type", "application/json")
            .header("authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(20))
            .build());
  }

  HttpResponse<String> get(String path, String key) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(20))
            .build());
  }

  /** The ledger row of a request, once written; fails after a generous deadline. */
  UsageRecord awaitRow(String generationId) {
    return awaitRow(gateway, generationId);
  }

  /** The ledger row of a request to {@code gateway}, once written; fails after 20 s. */
  static UsageRecord awaitRow(Switchboard gateway, String generationId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<UsageRecord> row = gateway.ledger().find(generationId);
      if (row.isPresent()) {
        return row.get();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no ledger row for " + generationId);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + gateway.port() + path);
  }

  int port() {
    return gateway.port();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A test provider entry in OpenAI's format with a key. */
  static String provider(String id, String baseUrl) {
    return "  - {id: %s, name: %s, format: openai, base_url: \"%s\", api_key: sk-test, jurisdiction: US}\n"
        .formatted(id, id, baseUrl);
  }

  /** A test deployment entry at {@code price} USD per million tokens, input and output. */
  static String deployment(String model, String provider, String upstreamModel, double price) {
    return "  - {model: %s, provider: %s, upstream_model: \"%s\", price: {input: %s, output: %s}}\n"
        .formatted(model, provider, upstreamModel, price, price);
  }

  /** A test model entry (YAML flow mapping) with the fields the catalog requires. */
  static String model(String id) {
    return "  - {id: "
        + id
        + ", name: "
        + id
        + ", author: Test, origin_country: US, context_length: 8192, open_weights: false,"
        + " input_modalities: [text], output_modalities: [text], supported_parameters: [],"
        + " description: test, created: 2026-01-01}\n";
  }

  @Override
  public void close() {
    gateway.close();
    http.close();
  }
}
