package dev.switchboard.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.account.KeyRules;
import dev.switchboard.account.LimitReset;
import dev.switchboard.ledger.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

public class MemoryBudgetsTest {
  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  private final TestLedger ledger = new TestLedger();
  private final MemoryBudgets budgets = MemoryBudgets.create(ledger);

  @AfterEach
  void close() {
    budgets.close();
  }

  @Test
  void settledSpendNeverExceedsAnyWindow_whenSixtyFourThreadsReserveAndSettle()
      throws InterruptedException {
    KeyRules rules = rules(5_000_000, 3_000_000, 0);
    List<BudgetWindow> windows = windows("k1", rules, Optional.empty());
    BudgetLoad load = new BudgetLoad();

    load.run(List.of(budgets), windows, (b, r, c) -> writeRowThenSettle(r, c), 64, 300);

    var usage = budgets.usage(windows).join();
    long spent = ledger.spentMicros("k1", Instant.EPOCH, Optional.empty());
    assertThat(load.refused()).as("the cap must run out under this load").isPositive();
    assertThat(spent).isEqualTo(load.charged()).isLessThanOrEqualTo(3_000_000);
    for (BudgetWindow w : windows) {
      assertThat(usage.get(w.id())).isEqualTo(new WindowUsage(spent, 0));
    }
    assertThat(budgets.openReservations()).isZero();
    assertThat(budgets.discrepancies()).isEmpty();
    assertExactlyRemainingIsGranted(windows, 3_000_000 - spent);
    try (MemoryBudgets restarted = MemoryBudgets.create(ledger)) {
      assertThat(restarted.usage(windows).join()).isEqualTo(usage);
    }
  }

  @Test
  void sessionWindowsCountOnlyTheirSession_whenSessionsRunConcurrently()
      throws InterruptedException {
    KeyRules rules = rules(0, 0, 400_000);
    BudgetLoad load = new BudgetLoad();
    for (String session : List.of("a", "b")) {
      List<BudgetWindow> windows = windows("k2", rules, Optional.of(session));
      load.run(
          List.of(budgets), windows, (b, r, c) -> writeRow(r, c, Optional.of(session)), 16, 100);
      assertThat(ledger.spentMicros("k2", Instant.EPOCH, Optional.of(session)))
          .isLessThanOrEqualTo(400_000);
    }
    assertThat(budgets.discrepancies()).isEmpty();
  }

  @Test
  void topUpGrantsWhatEveryWindowHasLeft_andNothingOnceClosed() {
    List<BudgetWindow> windows = windows("k3", rules(1_000, 600, 0), Optional.empty());
    Reservation a = budgets.reserve("a", windows, 100).join();
    Reservation b = budgets.reserve("b", windows, 300).join();

    Reservation a2 = budgets.topUp(a, 500).join();
    assertThat(a2.amountMicros()).as("the daily cap has 200 left").isEqualTo(300);
    assertThat(budgets.topUp(a2, 1).join().amountMicros()).isEqualTo(300);

    budgets.settled(b, 100);
    Reservation a3 = budgets.topUp(a2, 1_000).join();
    assertThat(a3.amountMicros()).isEqualTo(500);
    budgets.settled(a3, 500);
    assertThat(budgets.topUp(a3, 1_000).join().amountMicros()).isEqualTo(500);
    assertThat(budgets.usage(windows).join().values()).containsOnly(new WindowUsage(600, 0));
  }

  @Test
  void refusesWithWhatIsLeft_whenTheLedgerAlreadyHoldsSpend() {
    ledger.add("k4", NOW.minusSeconds(60), Optional.empty(), 900);
    List<BudgetWindow> windows = windows("k4", rules(1_000, 0, 0), Optional.empty());

    assertThatThrownBy(() -> budgets.reserve("x", windows, 101).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            BudgetExceeded.class,
            e -> {
              assertThat(e.window().kind()).isEqualTo(WindowKind.CREDIT);
              assertThat(e.remainingMicros()).isEqualTo(100);
              assertThat(e.wantedMicros()).isEqualTo(101);
              assertThat(e.getMessage()).contains("credit limit", "$0.0001 left");
            });
    assertThat(budgets.reserve("y", windows, 100).join().amountMicros()).isEqualTo(100);
  }

  @Test
  void closingTwiceChangesNothing_andAbandonReleasesAll() {
    List<BudgetWindow> windows = windows("k5", rules(1_000, 0, 0), Optional.empty());
    Reservation r = budgets.reserve("r", windows, 700).join();
    budgets.settled(r, 200);
    budgets.settled(r, 200);
    budgets.abandoned(r);
    Reservation s = budgets.reserve("s", windows, 800).join();
    budgets.abandoned(s);
    budgets.abandoned(s);

    assertThat(budgets.usage(windows).join().get(windows.get(0).id()))
        .isEqualTo(new WindowUsage(200, 0));
  }

  @Test
  void refusesEvenZero_whenALoweredLimitIsAlreadySpent() {
    ledger.add("k6", NOW, Optional.empty(), 500);
    assertThat(budgets.reserve("a", windows("k6", rules(1_000, 0, 0), Optional.empty()), 0).join())
        .isNotNull();
    var lowered = windows("k6", rules(400, 0, 0), Optional.empty());

    assertThatThrownBy(() -> budgets.reserve("b", lowered, 0).join())
        .cause()
        .isInstanceOfSatisfying(
            BudgetExceeded.class, e -> assertThat(e.remainingMicros()).isZero());
  }

  @Test
  void failsWithStorageException_whenTheLedgerCannotBeRead() {
    try (MemoryBudgets broken =
        MemoryBudgets.create(
            (k, f, s) -> {
              throw new StorageException("disk gone", new RuntimeException());
            })) {
      var windows = windows("k7", rules(1_000, 0, 0), Optional.empty());
      assertThatThrownBy(() -> broken.reserve("a", windows, 1).join())
          .cause()
          .isInstanceOf(StorageException.class);
    }
  }

  @Test
  void forgetsOnlyUnheldWindows_andReadsThemBackFromTheLedger() {
    try (MemoryBudgets forgetful = MemoryBudgets.create(ledger, Duration.ZERO)) {
      var held = windows("k8", rules(0, 0, 1_000), Optional.of("held"));
      var done = windows("k8", rules(0, 0, 1_000), Optional.of("done"));
      Reservation open = forgetful.reserve("open", held, 300).join();
      Reservation closed = forgetful.reserve("closed", done, 200).join();
      ledger.add("k8", NOW, Optional.of("done"), 150);
      forgetful.settled(closed, 150);
      ledger.add("k8", NOW, Optional.of("done"), 5); // a row the counters never saw

      forgetful.evictIdle();

      assertThat(forgetful.usage(done).join().values()).containsOnly(new WindowUsage(155, 0));
      assertThat(forgetful.usage(held).join().values()).containsOnly(new WindowUsage(0, 300));
      assertThat(forgetful.topUp(open, 800).join().amountMicros()).isEqualTo(1_000);
    }
  }

  @Test
  void checksYesterdaysDayWindowOnlyAgainstYesterdaysRows() {
    KeyRules rules = rules(0, 1_000, 0);
    Instant yesterday = NOW.minusSeconds(86_400);
    var before = BudgetWindows.of("k9", rules, Optional.empty(), yesterday, ZoneOffset.UTC);
    var today = windows("k9", rules, Optional.empty());
    Reservation a = budgets.reserve("a", before, 400).join();
    ledger.add("k9", yesterday, Optional.empty(), 300);
    budgets.settled(a, 300);
    Reservation b = budgets.reserve("b", today, 400).join();
    ledger.add("k9", NOW, Optional.empty(), 200);
    budgets.settled(b, 200);

    assertThat(budgets.discrepancies()).isEmpty();
    ledger.add("k9", NOW, Optional.empty(), 1); // a row today's counter never saw
    assertThat(budgets.discrepancies()).singleElement().asString().startsWith(today.get(0).id());
  }

  private void assertExactlyRemainingIsGranted(List<BudgetWindow> windows, long remaining) {
    assertThatThrownBy(() -> budgets.reserve("last+1", windows, remaining + 1).join())
        .cause()
        .isInstanceOf(BudgetExceeded.class);
    Reservation last = budgets.reserve("last", windows, remaining).join();
    assertThat(budgets.topUp(last, 1).join().amountMicros()).isEqualTo(remaining);
    budgets.abandoned(last);
  }

  private void writeRowThenSettle(Reservation r, long charged) {
    writeRow(r, charged, Optional.empty());
  }

  private void writeRow(Reservation r, long charged, Optional<String> session) {
    ledger.add(r.keyId(), NOW, session, charged);
    budgets.settled(r, charged);
  }

  static List<BudgetWindow> windows(String keyId, KeyRules rules, Optional<String> session) {
    return BudgetWindows.of(keyId, rules, session, NOW, ZoneOffset.UTC);
  }

  /** Credit limit (monthly), daily cap, session cap; 0 means none. */
  public static KeyRules rules(long limit, long dailyCap, long sessionCap) {
    return new KeyRules(
        limit > 0 ? OptionalLong.of(limit) : OptionalLong.empty(),
        // A reset needs a limit to reset.
        limit > 0 ? Optional.of(LimitReset.MONTHLY) : Optional.empty(),
        Optional.empty(),
        List.of(),
        java.util.OptionalInt.empty(),
        OptionalLong.empty(),
        java.util.OptionalInt.empty(),
        sessionCap > 0 ? OptionalLong.of(sessionCap) : OptionalLong.empty(),
        dailyCap > 0 ? OptionalLong.of(dailyCap) : OptionalLong.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
