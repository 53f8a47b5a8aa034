package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
  private final AtomicLong now = new AtomicLong();

  @Test
  void underTotalFailure_extraAttemptsStayNearTheRatio() {
    RetryBudget budget = new RetryBudget(0.2, 0, now::get);
    int granted = 0;
    for (int request = 0; request < 1000; request++) {
      budget.deposit();
      // Every request wants three more attempts.
      for (int i = 0; i < 3; i++) {
        if (budget.tryWithdraw()) {
          granted++;
        }
      }
    }
    assertThat(granted).isEqualTo(200);
  }

  @Test
  void theFloor_accruesPerSecond_evenWithoutRequests() {
    RetryBudget budget = new RetryBudget(0.2, 5, now::get);
    int first = drain(budget);
    assertThat(first).as("the first second's floor").isEqualTo(5);
    now.addAndGet(1_000_000_000L);
    assertThat(drain(budget)).isEqualTo(5);
    now.addAndGet(200_000_000L);
    assertThat(drain(budget)).as("a fifth of a second earns one").isEqualTo(1);
  }

  @Test
  void aLongQuietSpell_banksNoMoreThanTheCap() {
    RetryBudget budget = new RetryBudget(0.2, 1, now::get);
    for (int i = 0; i < 100_000; i++) {
      budget.deposit();
    }
    now.addAndGet(3_600_000_000_000L);
    assertThat(drain(budget)).as("ten seconds of floor plus ten").isEqualTo(20);
  }

  @Test
  void aZeroBudget_grantsNothing() {
    RetryBudget budget = new RetryBudget(0, 0, now::get);
    budget.deposit();
    assertThat(budget.tryWithdraw()).isFalse();
  }

  private static int drain(RetryBudget budget) {
    int n = 0;
    while (budget.tryWithdraw()) {
      n++;
    }
    return n;
  }
}
