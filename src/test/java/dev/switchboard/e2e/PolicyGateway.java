package dev.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.Switchboard;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogException;
import dev.switchboard.catalog.Provider;
import dev.switchboard.config.Config;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigNode;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.wire.Json;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A gateway with a sourcing policy in front of {@link PolicyProviders}: the catalog of {@code
 * e2e/policy-catalog.yaml} (provider {@code nowhere} with an unknown jurisdiction), the given
 * {@code policy:} section, bodies up to 2 MB, SQLite in a temporary directory.
 */
final class PolicyGateway implements AutoCloseable {
  /** A Visa test number (Luhn-valid) and an email address: the flagged data of the tests. */
  static final String CARD = "4111 1111 1111 1111";

  static final String EMAIL = "jane.doe@example.com";

  final Vertx vertx = Vertx.vertx();
  final PolicyProviders providers = PolicyProviders.start(vertx);
  final Switchboard gateway;
  final Path dir;
  final String key;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private PolicyGateway(String policyYaml) throws IOException {
    dir = Files.createTempDirectory("switchboard-policy");
    JsonNode policy = ConfigNode.readYaml(policyYaml, "policy", ConfigException::new);
    Config config =
        new Config(
                new Config.Server("127.0.0.1", 0, 2 * 1024 * 1024, Duration.ofMillis(200)),
                new Config.Storage(dir.resolve("ledger.db")),
                new Config.Upstream(Duration.ofSeconds(2), Duration.ofSeconds(2), 32),
                Json.object())
            .withRouting(routing())
            .withPolicy(policy);
    Catalog catalog = catalog().withProviders(this::pointed);
    gateway = Switchboard.start(config, catalog);
    key = gateway.keys().create("policy", OptionalLong.empty()).secret();
  }

  /** Retries never short of budget; ejection out of reach, so health never reorders routes. */
  private static Config.Routing routing() {
    Config.Routing d = Config.Routing.defaults();
    return new Config.Routing(
        Duration.ofSeconds(5),
        java.util.Map.of(),
        Duration.ofSeconds(20),
        10,
        1000,
        1_000_000,
        d.ejectFor(),
        d.ejectForAtMost(),
        d.spreadPercent(),
        d.provider(),
        d.presets(),
        dev.switchboard.wire.Json.object());
  }

  static PolicyGateway start(String policyYaml) {
    try {
      return new PolicyGateway(policyYaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Catalog catalog() throws IOException {
    try (InputStream in = PolicyGateway.class.getResourceAsStream("/e2e/policy-catalog.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Catalog.load(ConfigNode.readYaml(yaml, "test", CatalogException::new), Json.object());
    }
  }

  /** Each provider at its recording path; {@code nowhere} placed nowhere known. */
  private Provider pointed(Provider p) {
    return new Provider(
        p.id(),
        p.name(),
        p.format(),
        providers.baseUrl(p.id()),
        p.apiKey(),
        p.id().equals("nowhere") ? "" : p.jurisdiction(),
        p.dataPolicy());
  }

  /** A fresh nonce: lower-case letters only, so no detector mistakes it for data. */
  static String nonce() {
    StringBuilder out = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      out.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return out.toString();
  }

  /** The nonce marker a request's text carries. */
  static String tag(String nonce) {
    return "[[n:" + nonce + "]]";
  }

  /**
   * An OpenAI chat body: {@code extra} is more top-level JSON ("" for none), {@code text} the user
   * message (JSON-escaped here).
   */
  static String openAi(String model, boolean stream, String extra, String text) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":"
        + stream
        + extra
        + ",\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
        + "{\"role\":\"user\",\"content\":"
        + Json.string(Json.mapper().getNodeFactory().textNode(text))
        + "}]}";
  }

  /** An Anthropic messages body with {@code text} as the user turn. */
  static String anthropic(String model, boolean stream, String text) {
    return "{\"model\":\""
        + model
        + "\",\"max_tokens\":64,\"stream\":"
        + stream
        + ",\"system\":\"You are terse.\",\"messages\":[{\"role\":\"user\",\"content\":"
        + Json.string(Json.mapper().getNodeFactory().textNode(text))
        + "}]}";
  }

  HttpResponse<String> chat(String body, String... headers) {
    return post("/v1/chat/completions", body, headers);
  }

  HttpResponse<String> messages(String body, String... headers) {
    String[] all =
        Stream.concat(Stream.of("anthropic-version", "2023-06-01"), Stream.of(headers))
            .toArray(String[]::new);
    return post("/v1/messages", body, all);
  }

  HttpResponse<String> post(String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
            .header("content-type", "application/json")
            .header("authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(30));
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

  /** The ledger row of an answer, named by its X-Generation-Id header. */
  UsageRecord row(HttpResponse<String> response) {
    return TestGateway.awaitRow(
        gateway, response.headers().firstValue("x-generation-id").orElseThrow());
  }

  /** Every byte of the database directory (the database, its WAL and journal), as text. */
  String storedBytes() throws IOException {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        out.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    gateway.close();
    providers.close();
    http.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
