package dev.switchboard.insight;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reports read from the hourly rollups, never from the raw ledger rows: rankings, spend by day and
 * data class, savings against a baseline model, energy, activity. Ranges are whole hours: a bound
 * inside an hour counts that whole hour. Blocking: call it off the event loop.
 */
public interface Insight {
  /** Tokens by {@code by} over {@code period} ending with {@code now}'s hour, and the change. */
  Rankings rankings(Scope scope, Period period, Dimension by, Instant now);

  /** Requests, tokens and cost per UTC day and data class in {@code [from, to)}. */
  List<ClassSpend> spendByDayAndClass(Scope scope, Optional<Instant> from, Optional<Instant> to);

  /**
   * What the requests in {@code [from, to)} cost, and what their tokens would have cost on {@code
   * baseline}.
   *
   * @throws IllegalArgumentException when the catalog has no prices for {@code baseline}
   */
  Savings savings(Scope scope, String baseline, Optional<Instant> from, Optional<Instant> to);

  /** The estimated electricity behind the requests in {@code [from, to)}. */
  EnergyReport energy(Scope scope, Optional<Instant> from, Optional<Instant> to);

  /** Per UTC day, model and provider over the 30 days up to {@code now}, newest day first. */
  List<ActivityRow> activity(Scope scope, Instant now);
}
