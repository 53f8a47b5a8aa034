package dev.switchboard.gateway;

import dev.switchboard.budget.Budgets;
import dev.switchboard.budget.LedgerSpend;
import dev.switchboard.budget.MemoryBudgets;
import dev.switchboard.budget.OutputEstimates;
import dev.switchboard.ledger.LedgerReader;
import dev.switchboard.ratelimit.RateLimiter;
import dev.switchboard.ratelimit.RateLimiters;
import java.time.ZoneId;

/**
 * What a key's requests are held to, shared by every event loop: its budgets (reservations against
 * its credit limit, daily and session caps), its rate limits, the expected length of answers per
 * model, and the time zone its daily, weekly and monthly periods follow.
 */
public record Limits(
    Budgets budgets, RateLimiter rateLimits, OutputEstimates outputs, ZoneId zone) {

  /**
   * One node's limits: budgets in memory, counted from {@code ledger}, rate limits in process, days
   * in {@code zone}.
   */
  public static Limits singleNode(LedgerReader ledger, ZoneId zone) {
    return inMemory(ledger::spentMicros, zone);
  }

  /** As {@link #singleNode}, counting budgets from what {@code spent} says. */
  public static Limits inMemory(LedgerSpend spent, ZoneId zone) {
    return new Limits(
        MemoryBudgets.create(spent), RateLimiters.local(), new OutputEstimates(), zone);
  }
}
