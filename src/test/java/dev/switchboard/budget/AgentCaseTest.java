package dev.switchboard.budget;

import static dev.switchboard.budget.MemoryBudgetsTest.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.money.Money;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The agent case at the budget level: a $25 key, a model at $5/$25 per million tokens with
 * a 64K output cap, 32 concurrent requests without max_tokens whose answers are short. Reserving
 * the worst case (20K tokens in and 64K out each, $1.70) would refuse 18 of them; reserving the
 * expected cost refuses none, and the settled spend is exactly the ledger's.
 */
class AgentCaseTest {
  private static final long LIMIT = Money.ofUsd("25").micros();
  private static final long INPUT_TOKENS = 20_000;
  private static final long OUTPUT_CAP = 64_000;

  private final TestLedger ledger = new TestLedger();
  private final OutputEstimates estimates = new OutputEstimates();

  @Test
  void noneIsRefused_whenTheExpectedCostIsReserved() {
    try (MemoryBudgets budgets = MemoryBudgets.create(ledger)) {
      var windows =
          BudgetWindows.of(
              "agent", rules(LIMIT, 0, 0), Optional.empty(), Instant.now(), ZoneOffset.UTC);
      long expectedOutput =
          estimates.expectedOutputTokens("m", OptionalLong.empty(), OptionalLong.of(OUTPUT_CAP));
      long expected = cost(INPUT_TOKENS, expectedOutput);
      long worst = cost(INPUT_TOKENS, OUTPUT_CAP);

      List<CompletableFuture<Reservation>> requests = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String id = "req-" + i;
        requests.add(
            CompletableFuture.supplyAsync(() -> id)
                .thenCompose(r -> budgets.reserve(r, windows, expected)));
      }
      long charged = 0;
      for (CompletableFuture<Reservation> f : requests) {
        Reservation r = f.join(); // none refused
        long actual = cost(INPUT_TOKENS, 300);
        ledger.add("agent", Instant.now(), Optional.empty(), actual);
        budgets.settled(r, actual);
        estimates.observe("m", 300);
        charged += actual;
      }

      assertThat(32 * worst).as("the worst case would not fit").isGreaterThan(LIMIT);
      assertThat(budgets.usage(windows).join().values()).containsOnly(new WindowUsage(charged, 0));
      assertThat(budgets.discrepancies()).isEmpty();
      assertThat(
              estimates.expectedOutputTokens(
                  "m", OptionalLong.empty(), OptionalLong.of(OUTPUT_CAP)))
          .isEqualTo(300);
    }
  }

  @Test
  void worstCaseReservationsWouldRefuseMost() {
    try (MemoryBudgets budgets = MemoryBudgets.create(ledger)) {
      var windows =
          BudgetWindows.of(
              "worst", rules(LIMIT, 0, 0), Optional.empty(), Instant.now(), ZoneOffset.UTC);
      int refused = 0;
      for (int i = 0; i < 32; i++) {
        try {
          budgets.reserve("w" + i, windows, cost(INPUT_TOKENS, OUTPUT_CAP)).join();
        } catch (CompletionException e) {
          assertThat(e.getCause()).isInstanceOf(BudgetExceeded.class);
          refused++;
        }
      }
      assertThat(refused).isEqualTo(18);
    }
  }

  /** $5 per million input tokens, $25 per million output tokens, in micro-dollars. */
  private static long cost(long input, long output) {
    return input * 5 + output * 25;
  }
}
