package dev.switchboard.budget.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.account.KeyRules;
import dev.switchboard.budget.BudgetExceeded;
import dev.switchboard.budget.BudgetLoad;
import dev.switchboard.budget.BudgetWindow;
import dev.switchboard.budget.BudgetWindows;
import dev.switchboard.budget.MemoryBudgetsTest;
import dev.switchboard.budget.Reservation;
import dev.switchboard.budget.WindowKind;
import dev.switchboard.budget.WindowUsage;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Dialect;
import dev.switchboard.storage.TcpProxy;
import dev.switchboard.storage.postgresql.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SqlBudgetsTest {
  private static final Duration TTL = Duration.ofSeconds(2);
  private static final ZoneId ZONE = ZoneId.of("America/New_York");

  private final Instant now = Instant.now();
  private final Database db = TestPostgres.migrated();
  private final PgLedger ledger = new PgLedger(db, now);
  private final SqlBudgets nodeA = SqlBudgets.open(db, TTL);
  private final SqlBudgets nodeB = SqlBudgets.open(db, TTL);

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
    db.close();
  }

  @Test
  void settledSpendNeverExceedsAnyWindow_whenTwoNodesReserveAndSettleConcurrently()
      throws InterruptedException {
    List<BudgetWindow> windows = windows("k1", MemoryBudgetsTest.rules(5_000_000, 2_000_000, 0));
    var load = new BudgetLoad();

    load.run(
        List.of(nodeA, nodeB),
        windows,
        (node, r, cost) -> ledger.settle((SqlBudgets) node, r, cost, Optional.empty()),
        64,
        40);

    assertThat(load.refused()).as("the daily cap must run out under this load").isPositive();
    Thread.sleep(TTL.toMillis() + 100); // abandoned reservations expire
    nodeA.sweepNow();
    var usage = nodeA.usage(windows).join();
    long spent = usage.get(windows.get(0).id()).spentMicros();
    assertThat(spent).isEqualTo(load.charged()).isLessThanOrEqualTo(2_000_000);
    assertThat(usage.values()).containsOnly(new WindowUsage(spent, 0));
    assertThat(nodeB.openReservations()).isZero();
    assertThat(nodeB.discrepancies()).isEmpty();
    assertThatThrownBy(() -> nodeB.reserve("over", windows, 2_000_000 - spent + 1).join())
        .cause()
        .isInstanceOf(BudgetExceeded.class);
    assertThat(nodeA.reserve("exact", windows, 2_000_000 - spent).join().amountMicros())
        .isEqualTo(2_000_000 - spent);
  }

  @Test
  void anOrphanExpiresWithinAboutOneTtl_whileALiveNodesReservationIsRenewed()
      throws InterruptedException {
    List<BudgetWindow> windows = windows("k2", MemoryBudgetsTest.rules(1_000, 0, 0));
    SqlBudgets doomed = SqlBudgets.open(db, TTL);
    doomed.reserve("orphan", windows, 600).join();
    Reservation alive = nodeA.reserve("alive", windows, 300).join();
    doomed.close(); // stops its heartbeat, as kill -9 would: the record stays open

    awaitReserved(windows.get(0), 300);
    Thread.sleep(TTL.multipliedBy(2).toMillis());

    assertThat(nodeB.usage(windows).join().get(windows.get(0).id()))
        .as("the live node's reservation outlives several TTLs")
        .isEqualTo(new WindowUsage(0, 300));
    ledger.settle(nodeA, alive, 250, Optional.empty());
    assertThat(nodeB.reserve("rest", windows, 750).join().amountMicros()).isEqualTo(750);
    assertThat(nodeB.discrepancies()).isEmpty();
  }

  @Test
  void topUpGrantsWhatEveryWindowHasLeft_andNothingOnceSettled() {
    List<BudgetWindow> windows = windows("k3", MemoryBudgetsTest.rules(1_000, 600, 0));
    Reservation a = nodeA.reserve("a", windows, 100).join();
    Reservation b = nodeB.reserve("b", windows, 300).join();

    Reservation a2 = nodeA.topUp(a, 500).join();
    assertThat(a2.amountMicros()).as("the daily cap has 200 left").isEqualTo(300);
    assertThat(nodeA.topUp(a2, 1).join().amountMicros()).isEqualTo(300);
    ledger.settle(nodeB, b, 100, Optional.empty());
    Reservation a3 = nodeA.topUp(a2, 1_000).join();
    assertThat(a3.amountMicros()).isEqualTo(500);
    ledger.settle(nodeA, a3, 500, Optional.empty());

    assertThat(nodeA.topUp(a3, 1_000).join().amountMicros()).isEqualTo(500);
    assertThat(nodeA.usage(windows).join().values()).containsOnly(new WindowUsage(600, 0));
    assertThat(nodeA.discrepancies()).isEmpty();
  }

  @Test
  void windowsStartFromTheLedger_andTheRefusalNamesTheWindowAndWhatIsLeft() {
    ledger.spend("k4", 700, Optional.of("s1"));
    ledger.spend("k4", 100, Optional.of("s2"));
    List<BudgetWindow> s1 = windows("k4", MemoryBudgetsTest.rules(1_000, 0, 750), "s1");
    List<BudgetWindow> s2 = windows("k4", MemoryBudgetsTest.rules(1_000, 0, 750), "s2");

    assertThatThrownBy(() -> nodeA.reserve("x", s1, 51).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            BudgetExceeded.class,
            e -> {
              assertThat(e.window().kind()).isEqualTo(WindowKind.SESSION);
              assertThat(e.remainingMicros()).isEqualTo(50);
              assertThat(e.getMessage()).contains("session cap");
            });
    assertThat(nodeA.reserve("y", s2, 200).join().amountMicros()).isEqualTo(200);
    assertThatThrownBy(() -> nodeB.reserve("z", s1, 50).join())
        .cause()
        .isInstanceOfSatisfying(
            BudgetExceeded.class,
            e -> {
              assertThat(e.window().kind()).isEqualTo(WindowKind.CREDIT);
              assertThat(e.remainingMicros()).isZero();
            });
  }

  @Test
  void aRowArrivingAfterItsReservationExpired_isStillChargedOnce() throws InterruptedException {
    List<BudgetWindow> windows = windows("k5", MemoryBudgetsTest.rules(1_000, 0, 0));
    Reservation r = nodeA.reserve("late", windows, 400).join();
    nodeA.abandoned(r); // stops renewing, as after a failed write
    awaitReserved(windows.get(0), 0); // the sweepers released it

    ledger.settle(nodeA, r, 300, Optional.empty());
    ledger.settle(nodeA, r, 300, Optional.empty()); // a second row for it finds no record

    assertThat(nodeA.usage(windows).join().get(windows.get(0).id()))
        .isEqualTo(new WindowUsage(300, 0));
    assertThat(nodeA.openReservations()).isZero();
  }

  @Test
  void groupCommitsOfTwoNodesSettleManyRowsOfTwoKeys_withoutDeadlockOrDrift() throws Exception {
    var k1 = windows("g1", MemoryBudgetsTest.rules(10_000_000, 5_000_000, 0));
    var k2 = windows("g2", MemoryBudgetsTest.rules(10_000_000, 5_000_000, 0));
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      List<java.util.concurrent.Future<?>> writers = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        SqlBudgets node = t % 2 == 0 ? nodeA : nodeB;
        int writer = t;
        writers.add(
            pool.submit(
                () -> {
                  for (int batch = 0; batch < 20; batch++) {
                    List<Reservation> rows = new java.util.ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                      // Rows ordered by key, as the ledger writer orders a group commit.
                      rows.add(
                          node.reserve("g1-" + writer + "-" + batch + "-" + i, k1, 900).join());
                    }
                    for (int i = 0; i < 5; i++) {
                      rows.add(
                          node.reserve("g2-" + writer + "-" + batch + "-" + i, k2, 900).join());
                    }
                    ledger.settleBatch(node, rows, 700);
                  }
                  return null;
                }));
      }
      for (var w : writers) {
        w.get();
      }
    }
    assertThat(nodeA.usage(k1).join().values()).containsOnly(new WindowUsage(4 * 20 * 5 * 700, 0));
    assertThat(nodeA.usage(k2).join().values()).containsOnly(new WindowUsage(4 * 20 * 5 * 700, 0));
    assertThat(nodeB.discrepancies()).isEmpty();
    assertThat(nodeB.openReservations()).isZero();
  }

  @Test
  void failsClosedWhileThePostgresServerIsCut_andRecoversByItself() throws Exception {
    try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432);
        Database viaProxy = TestPostgres.migrated(proxy.port());
        SqlBudgets node = SqlBudgets.open(viaProxy, TTL)) {
      var windows = windows("k7", MemoryBudgetsTest.rules(10_000, 0, 0));
      Reservation before = node.reserve("before", windows, 1_000).join();

      proxy.stop();
      long started = System.nanoTime();
      assertThatThrownBy(() -> node.reserve("during", windows, 1_000).join())
          .cause()
          .isInstanceOf(StorageException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isLessThanOrEqualTo(SqlBudgets.CALL_TIMEOUT.plusMillis(200));
      proxy.start();

      Reservation after = awaitReserve(node, "after", windows, 1_000);
      assertThat(node.usage(windows).join().values())
          .as("the reservation held across the outage is still there, nothing else")
          .containsOnly(new WindowUsage(0, before.amountMicros() + after.amountMicros()));
    }
  }

  private static Reservation awaitReserve(
      SqlBudgets node, String id, List<BudgetWindow> windows, long amount)
      throws InterruptedException {
    long started = System.nanoTime();
    while (true) {
      try {
        return node.reserve(id, windows, amount).join();
      } catch (CompletionException e) {
        assertThat(e.getCause()).isInstanceOf(StorageException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as("recovers within seconds of the database coming back")
            .isLessThan(Duration.ofSeconds(10));
        Thread.sleep(100);
      }
    }
  }

  @Test
  void auditBoundsYesterdaysDayWindowByTodays() {
    KeyRules rules = MemoryBudgetsTest.rules(0, 1_000, 0);
    Instant yesterday = now.minus(Duration.ofDays(1));
    var before = BudgetWindows.of("k8", rules, Optional.empty(), yesterday, ZONE);
    var today = windows("k8", rules);
    new PgLedger(db, yesterday)
        .settle(nodeA, nodeA.reserve("a", before, 400).join(), 300, Optional.empty());
    ledger.settle(nodeB, nodeB.reserve("b", today, 400).join(), 200, Optional.empty());

    assertThat(nodeA.discrepancies()).isEmpty();
    ledger.spend("k8", 1, Optional.empty()); // a row today's counter never saw
    assertThat(nodeA.discrepancies()).singleElement().asString().startsWith(today.get(0).id());
  }

  @Test
  void failsFastWithStorageException_whenThePostgresServerDoesNotAnswer() {
    try (Database nowhere = unreachable();
        SqlBudgets budgets = SqlBudgets.open(nowhere, TTL)) {
      long started = System.nanoTime();
      assertThatThrownBy(
              () -> budgets.reserve("r", windows("k6", MemoryBudgetsTest.rules(1, 0, 0)), 1).join())
          .cause()
          .isInstanceOf(StorageException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }
  }

  private void awaitReserved(BudgetWindow window, long reserved) throws InterruptedException {
    long started = System.nanoTime();
    while (nodeB.usage(List.of(window)).join().get(window.id()).reservedMicros() != reserved) {
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("orphans released within TTL plus a sweep")
          .isLessThan(TTL.multipliedBy(2));
      Thread.sleep(50);
    }
  }

  private List<BudgetWindow> windows(String keyId, KeyRules rules) {
    return BudgetWindows.of(keyId, rules, Optional.empty(), now, ZONE);
  }

  private List<BudgetWindow> windows(String keyId, KeyRules rules, String session) {
    return BudgetWindows.of(keyId, rules, Optional.of(session), now, ZONE);
  }

  /** A Database whose server never answers: nothing listens on the port. */
  private static Database unreachable() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + freePort() + "/test?connectTimeout=1");
    config.setUsername("postgres");
    config.setConnectionTimeout(1_000);
    config.setInitializationFailTimeout(-1);
    HikariDataSource pool = new HikariDataSource(config);
    return new Database() {
      @Override
      public Connection connection() throws SQLException {
        return pool.getConnection();
      }

      @Override
      public Dialect dialect() {
        return Dialect.POSTGRESQL;
      }

      @Override
      public void close() {
        pool.close();
      }
    };
  }

  private static int freePort() {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
