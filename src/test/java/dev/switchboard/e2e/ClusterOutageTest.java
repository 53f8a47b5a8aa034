package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.budget.sql.SqlBudgets;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.storage.TcpProxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL and Redis made unreachable and reachable again (through TCP proxies the test controls;
 * the real services are never touched): the gateway refuses what it cannot check with a fast 503,
 * says so on /health/ready while liveness stays up, recovers by itself, and loses no settled row.
 */
class ClusterOutageTest {
  @Test
  void whilePostgresqlOrRedisIsAway_requestsFailClosedAndFast_andTheNodeRecoversByItself()
      throws Exception {
    try (TcpProxy postgres = TcpProxy.to("127.0.0.1", 5432);
        TcpProxy redis = TcpProxy.to("127.0.0.1", 6379);
        ClusterHarness cluster =
            new ClusterHarness(
                1,
                schema ->
                    "postgresql://postgres@127.0.0.1:"
                        + postgres.port()
                        + "/test?currentSchema="
                        + schema.name(),
                "redis://127.0.0.1:" + redis.port())) {
      IssuedKey key =
          cluster.key(
              KeyRules.builder()
                  .limitMicros(OptionalLong.of(5_000_000))
                  .rpm(OptionalInt.of(10_000))
                  .build());
      List<String> settled = new ArrayList<>();
      // As a load balancer does: traffic once the node says it is ready (Redis connected).
      awaitReady(cluster, status -> status == 200);
      assertThat(answer(cluster, key, settled)).isEqualTo(200);

      postgres.stop();
      long started = System.nanoTime();
      HttpResponse<String> refused = cluster.send(cluster.request(0, key, body()));
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat((System.nanoTime() - started) / 1_000_000).as("ms to refuse").isLessThan(5_000);
      assertThat(refused.body()).contains("cannot be reached");
      // Past the key cache's freshness bound (2 x 400 ms) the key itself cannot be checked.
      Thread.sleep(1_000);
      HttpResponse<String> uncheckedKey = cluster.send(cluster.request(0, key, body()));
      assertThat(uncheckedKey.statusCode()).isEqualTo(503);
      assertThat(uncheckedKey.body()).contains("cannot be reached");
      awaitReady(cluster, status -> status == 503);
      assertThat(get(cluster, "/health/ready").body()).contains("postgresql");
      assertThat(get(cluster, "/health").statusCode()).as("alive all the same").isEqualTo(200);

      postgres.start();
      awaitAnswer(cluster, key, settled);
      awaitReady(cluster, status -> status == 200);

      redis.stop();
      HttpResponse<String> unchecked = cluster.send(cluster.request(0, key, body()));
      assertThat(unchecked.statusCode()).isEqualTo(503);
      assertThat(unchecked.body()).contains("rate limiter");
      IssuedKey unlimited =
          cluster.key(KeyRules.builder().limitMicros(OptionalLong.of(5_000_000)).build());
      assertThat(cluster.send(cluster.request(0, unlimited, body())).statusCode())
          .as("a key without rate limits never needs Redis")
          .isEqualTo(200);
      awaitReady(cluster, status -> status == 503);

      redis.start();
      awaitAnswer(cluster, key, settled);
      awaitReady(cluster, status -> status == 200);

      List<UsageRecord> rows = cluster.rows(key);
      for (String id : settled) {
        assertThat(rows).as("settled row " + id).filteredOn(r -> r.id().equals(id)).hasSize(1);
      }
      assertThat(((SqlBudgets) cluster.node(0).limits().budgets()).discrepancies()).isEmpty();
    }
  }

  private static String body() {
    return GatewayHarness.body("deepseek/deepseek-v3.2", false, "");
  }

  /** One request; a 200's generation id goes to {@code settled}. */
  private static int answer(ClusterHarness cluster, IssuedKey key, List<String> settled) {
    HttpResponse<String> response = cluster.send(cluster.request(0, key, body()));
    if (response.statusCode() == 200) {
      settled.add(response.headers().firstValue("x-generation-id").orElseThrow());
    }
    return response.statusCode();
  }

  private static void awaitAnswer(ClusterHarness cluster, IssuedKey key, List<String> settled)
      throws InterruptedException {
    int status = 0;
    for (int i = 0; i < 100 && status != 200; i++) {
      status = answer(cluster, key, settled);
      if (status != 200) {
        assertThat(status).as("refused, never let through unchecked").isEqualTo(503);
        Thread.sleep(200);
      }
    }
    assertThat(status).as("recovered by itself").isEqualTo(200);
  }

  private static void awaitReady(ClusterHarness cluster, IntPredicate wanted)
      throws InterruptedException {
    int status = 0;
    for (int i = 0; i < 100 && !wanted.test(status); i++) {
      status = ready(cluster);
      if (!wanted.test(status)) {
        Thread.sleep(100);
      }
    }
    assertThat(wanted.test(status)).as("/health/ready answered " + status).isTrue();
  }

  private static int ready(ClusterHarness cluster) {
    return get(cluster, "/health/ready").statusCode();
  }

  private static HttpResponse<String> get(ClusterHarness cluster, String path) {
    return cluster.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.node(0).port() + path))
            .build());
  }
}
