package dev.switchboard.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many threads reserving, topping up, settling and abandoning against the same windows, the way
 * concurrent requests of one key do: each reserves an expected cost, may top up while it "streams",
 * then either writes its ledger row (charging at most what it holds) or fails.
 */
public final class BudgetLoad {
  /** Writes the ledger row of a reservation and tells the budgets (as the gateway's settlement). */
  public interface Settler {
    void settle(Budgets node, Reservation reservation, long chargedMicros);
  }

  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong charged = new AtomicLong();
  private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();

  public long refused() {
    return refused.get();
  }

  public long charged() {
    return charged.get();
  }

  /**
   * {@code threads} threads, thread t on node t mod nodes, each making {@code opsEach} requests,
   * while another thread checks every window's usage against its limit the whole time.
   */
  public void run(
      List<? extends Budgets> nodes,
      List<BudgetWindow> windows,
      Settler settler,
      int threads,
      int opsEach)
      throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong checks = new AtomicLong();
    Thread monitor =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!done.get()) {
                    checkWithinLimits(nodes.get(0), windows);
                    checks.incrementAndGet();
                  }
                });
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        long seed = t;
        Budgets node = nodes.get(t % nodes.size());
        pool.execute(
            () -> {
              Random random = new Random(seed);
              await(start);
              for (int i = 0; i < opsEach; i++) {
                try {
                  one(node, windows, settler, random, "r-" + seed + "-" + i);
                } catch (RuntimeException | Error e) {
                  errors.add(e);
                }
              }
            });
      }
      start.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    } finally {
      done.set(true);
      monitor.join();
    }
    assertThat(errors).isEmpty();
    assertThat(checks.get()).as("the monitor ran during the load").isPositive();
  }

  private void checkWithinLimits(Budgets budgets, List<BudgetWindow> windows) {
    try {
      Map<String, WindowUsage> usage = budgets.usage(windows).join();
      for (BudgetWindow w : windows) {
        WindowUsage u = usage.get(w.id());
        if (u.spentMicros() + u.reservedMicros() > w.limitMicros()) {
          errors.add(new AssertionError(w.id() + " over its limit: " + u));
        }
      }
    } catch (RuntimeException e) {
      errors.add(e);
    }
  }

  private void one(
      Budgets budgets, List<BudgetWindow> windows, Settler settler, Random random, String id) {
    long expected = 1 + random.nextInt(20_000);
    Reservation r;
    try {
      r = budgets.reserve(id, windows, expected).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof BudgetExceeded exceeded) {
        assertThat(exceeded.remainingMicros()).isLessThan(exceeded.wantedMicros());
        refused.incrementAndGet();
        return;
      }
      throw e;
    }
    if (random.nextInt(3) == 0) {
      r = budgets.topUp(r, 1 + random.nextInt(30_000)).join();
    }
    if (random.nextInt(5) == 0) {
      budgets.abandoned(r);
      return;
    }
    long cost = random.nextInt(4) == 0 ? r.amountMicros() : random.nextLong(r.amountMicros() + 1);
    settler.settle(budgets, r, cost);
    charged.addAndGet(cost);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
