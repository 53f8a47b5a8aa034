package dev.switchboard.e2e;

import dev.switchboard.Switchboard;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.config.Redis;
import dev.switchboard.ledger.LedgerWriters;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.sim.SimOptions;
import dev.switchboard.sim.SimProvider;
import dev.switchboard.storage.postgresql.TestPostgres;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Gateway nodes of one cluster, started in this JVM on real services: a PostgreSQL schema of the
 * test's own ({@link TestPostgres}) and the Redis on 127.0.0.1:6379 (SWITCHBOARD_TEST_REDIS
 * overrides it; CI starts both), in front of one simulator. Every node shares the database and
 * Redis, as nodes behind a load balancer do.
 */
final class ClusterHarness implements AutoCloseable {
  static final String REDIS =
      Optional.ofNullable(System.getenv("SWITCHBOARD_TEST_REDIS")).orElse("redis://127.0.0.1:6379");

  final Vertx simVertx = Vertx.vertx();
  final SimProvider sim;
  final TestPostgres postgres = TestPostgres.schema();
  final Catalog catalog;
  final Config config;
  final List<Switchboard> nodes = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /**
   * {@code nodes} nodes on the test's schema, reached at {@code postgresUrl} (the schema's own URL,
   * or one through a proxy), and Redis at {@code redisUrl}.
   */
  ClusterHarness(int nodes, Function<TestPostgres, String> postgresUrl, String redisUrl)
      throws IOException {
    sim =
        SimProvider.start(simVertx, SimOptions.defaults())
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    config =
        new Config(
                new Config.Server("127.0.0.1", 0, 64 * 1024, GatewayHarness.KEEP_ALIVE),
                new Config.Storage(Files.createTempDirectory("switchboard-cluster").resolve("x.db"))
                    .withPostgresql(postgresUrl.apply(postgres)),
                new Config.Upstream(Duration.ofSeconds(2), GatewayHarness.IDLE_TIMEOUT, 64),
                GatewayHarness.testCatalog())
            .withRedis(Optional.of(new Redis(redisUrl)))
            .withBudgets(new Config.Budgets(java.time.ZoneOffset.UTC, Duration.ofSeconds(3)));
    catalog =
        Switchboard.simulated(
            Catalog.load(
                EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "catalog"),
                config.catalog()),
            sim);
    for (int i = 0; i < nodes; i++) {
      this.nodes.add(Switchboard.start(config, catalog));
    }
  }

  /** Two nodes on the test's own schema and the test Redis. */
  static ClusterHarness twoNodes() throws IOException {
    return new ClusterHarness(2, TestPostgres::url, REDIS);
  }

  Switchboard node(int i) {
    return nodes.get(i);
  }

  IssuedKey key(KeyRules rules) {
    return node(0).keys().create("cluster-" + UUID.randomUUID(), rules, false);
  }

  HttpRequest request(int node, IssuedKey key, String body) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + node(node).port() + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + key.secret())
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(30))
        .build();
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

  /** Every ledger row of the key, as the shared database has them. */
  List<UsageRecord> rows(IssuedKey key) {
    return LedgerWriters.reader(node(0).database()).recent(100_000).stream()
        .filter(r -> r.keyId().equals(key.key().id()))
        .toList();
  }

  @Override
  public void close() {
    nodes.forEach(Switchboard::close);
    simVertx.close().toCompletionStage().toCompletableFuture().join();
    postgres.close();
  }
}
