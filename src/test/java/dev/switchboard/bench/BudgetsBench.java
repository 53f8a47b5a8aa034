package dev.switchboard.bench;

import dev.switchboard.account.KeyRules;
import dev.switchboard.budget.BudgetWindow;
import dev.switchboard.budget.BudgetWindows;
import dev.switchboard.budget.MemoryBudgets;
import dev.switchboard.budget.Reservation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What a budget adds to one request on a single node (MemoryBudgets): computing the key's windows,
 * reserving the expected cost, one top-up and the settle, against a credit limit alone and against
 * credit, daily and session windows together; also with 2 threads on the same key (its lock). Run
 * with bench/jmh.sh BudgetsBench.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BudgetsBench {
  private static final long HUGE = Long.MAX_VALUE / 4;

  private MemoryBudgets budgets;
  private KeyRules creditOnly;
  private KeyRules allCaps;
  private long next;

  @Setup
  public void setUp() {
    budgets = MemoryBudgets.create((key, from, session) -> 0);
    creditOnly = rules(OptionalLong.of(HUGE), OptionalLong.empty(), OptionalLong.empty());
    allCaps = rules(OptionalLong.of(HUGE), OptionalLong.of(HUGE), OptionalLong.of(HUGE));
  }

  @TearDown
  public void tearDown() {
    budgets.close();
  }

  /** One window: windows, reserve, top-up, settle. */
  @Benchmark
  public long creditLimit() {
    return request(creditOnly);
  }

  /** Three windows (credit, day, session). */
  @Benchmark
  public long creditDayAndSession() {
    return request(allCaps);
  }

  /** Two threads on the same key's windows. */
  @Benchmark
  @Threads(2)
  public long creditDayAndSessionContended() {
    return request(allCaps);
  }

  private long request(KeyRules rules) {
    List<BudgetWindow> windows =
        BudgetWindows.of("key", rules, Optional.of("session"), Instant.now(), ZoneOffset.UTC);
    String id;
    synchronized (this) {
      id = "r" + next++;
    }
    Reservation r = budgets.reserve(id, windows, 1_000).join();
    r = budgets.topUp(r, 500).join();
    budgets.settled(r, 1_200);
    return r.amountMicros();
  }

  private static KeyRules rules(OptionalLong limit, OptionalLong daily, OptionalLong session) {
    return new KeyRules(
        limit,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        OptionalInt.empty(),
        OptionalLong.empty(),
        OptionalInt.empty(),
        session,
        daily,
        Optional.empty(),
        Optional.empty());
  }
}
