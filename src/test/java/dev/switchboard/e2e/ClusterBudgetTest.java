package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.budget.BudgetWindow;
import dev.switchboard.budget.BudgetWindows;
import dev.switchboard.budget.WindowUsage;
import dev.switchboard.budget.sql.SqlBudgets;
import dev.switchboard.ledger.UsageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Budgets and rate limits over two gateway nodes sharing real PostgreSQL and Redis: settled spend
 * never passes a key's budget and its counters stay exact under concurrency, failures of every kind
 * leak nothing, and a burst over two nodes admits no more than the key's RPM.
 */
class ClusterBudgetTest {
  private static final String CHEAP = "deepseek/deepseek-v3.2";
  private static ClusterHarness cluster;

  @BeforeAll
  static void start() throws IOException {
    cluster = ClusterHarness.twoNodes();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void fiveHundredRequestsAt64OverTwoNodes_neverPassTheBudget_andBalanceExactly() throws Exception {
    long budget = 10_000; // $0.01: about a hundred of these requests
    IssuedKey key = cluster.key(KeyRules.builder().limitMicros(OptionalLong.of(budget)).build());
    List<Integer> statuses = run(500, 64, i -> send(i, key, CHEAP, i % 3 == 0));

    assertThat(statuses).containsOnly(200, 402).contains(200, 402);
    assertBalanced(key, budget);
  }

  @Test
  void failuresOfEveryKind_leakNothing_andRefuseNothingWhileTheBudgetHasRoom() throws Exception {
    long budget = 5_000_000;
    IssuedKey key = cluster.key(KeyRules.builder().limitMicros(OptionalLong.of(budget)).build());
    // Of every 10: 2 clients hang up mid-answer, 2 providers answer 500, 1 stalls past the idle
    // timeout, the rest answer. The clients hang up on a stalled stream: a whole answer from the
    // simulator can reach them before they leave, and then there is nothing to leave.
    List<Integer> statuses =
        run(
            200,
            32,
            i ->
                switch (i % 10) {
                  case 0, 1 -> hangUp(i, key);
                  case 2, 3 -> send(i, key, "test/broken", i % 2 == 0);
                  case 4 -> send(i, key, "test/stall", true);
                  default -> send(i, key, CHEAP, i % 2 == 0);
                });

    assertThat(statuses).doesNotContain(402, 429);
    awaitRows(key, 200);
    assertThat(cluster.rows(key))
        .extracting(UsageRecord::status)
        .as("clients that left, providers that failed, streams that stalled, answers")
        .contains(499, 502, 200)
        .anyMatch(status -> status == 504 || status == 502);
    assertBalanced(key, budget);
  }

  @Test
  void aBurstAtTenTimesTheRpmOverTwoNodes_admitsAtMostTheLimit() throws Exception {
    IssuedKey key = cluster.key(KeyRules.builder().rpm(OptionalInt.of(20)).build());
    List<Integer> statuses = run(200, 32, i -> send(i, key, CHEAP, false));

    assertThat(statuses).containsOnly(200, 429);
    assertThat(statuses.stream().filter(s -> s == 200).count()).isBetween(1L, 20L);
  }

  /** Settled spend within the budget, counters equal to the ledger, nothing left reserved. */
  private static void assertBalanced(IssuedKey key, long budget) throws Exception {
    long settled = cluster.rows(key).stream().mapToLong(UsageRecord::costMicros).sum();
    assertThat(settled).isLessThanOrEqualTo(budget);
    ApiKey stored = cluster.node(0).keys().find(key.key().id()).orElseThrow();
    assertThat(stored.spentMicros()).isEqualTo(settled);
    List<BudgetWindow> windows =
        BudgetWindows.of(stored, Optional.empty(), Instant.now(), ZoneOffset.UTC);
    for (int node = 0; node < 2; node++) {
      WindowUsage usage =
          cluster.node(node).limits().budgets().usage(windows).join().get(windows.getFirst().id());
      assertThat(usage.spentMicros()).as("node %d's view", node).isEqualTo(settled);
      assertThat(usage.reservedMicros()).as("nothing reserved").isZero();
    }
    SqlBudgets budgets = (SqlBudgets) cluster.node(0).limits().budgets();
    assertThat(budgets.openReservations()).isZero();
    assertThat(budgets.discrepancies()).isEmpty();
  }

  private static void awaitRows(IssuedKey key, int count) throws InterruptedException {
    for (int i = 0; i < 200 && cluster.rows(key).size() < count; i++) {
      Thread.sleep(50);
    }
    assertThat(cluster.rows(key)).hasSize(count);
  }

  private static int send(int i, IssuedKey key, String model, boolean stream) {
    return cluster
        .send(cluster.request(i % 2, key, GatewayHarness.body(model, stream, "")))
        .statusCode();
  }

  /** A streamed request whose client reads the first bytes of a stalled answer, then hangs up. */
  private static int hangUp(int i, IssuedKey key) {
    String body = GatewayHarness.body("test/stall", true, "");
    try (Socket socket = new Socket("127.0.0.1", cluster.node(i % 2).port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nhost: gw\r\ncontent-type: application/json\r\n"
                  + "authorization: Bearer "
                  + key.secret()
                  + "\r\ncontent-length: "
                  + body.getBytes(StandardCharsets.UTF_8).length
                  + "\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] first = new byte[64];
      int read = in.read(first);
      String status = read > 12 ? new String(first, 9, 3, StandardCharsets.US_ASCII) : "000";
      return Integer.parseInt(status);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@code count} calls, {@code concurrency} at a time; their statuses, in order. */
  private static List<Integer> run(int count, int concurrency, IntFunction<Integer> call)
      throws Exception {
    List<Future<Integer>> sent = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
      for (int i = 0; i < count; i++) {
        int n = i;
        sent.add(pool.submit(() -> call.apply(n)));
      }
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> status : sent) {
      statuses.add(status.get());
    }
    return statuses;
  }
}
