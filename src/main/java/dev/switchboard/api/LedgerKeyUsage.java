package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.LimitReset;
import dev.switchboard.budget.BudgetWindow;
import dev.switchboard.budget.BudgetWindows;
import dev.switchboard.budget.Budgets;
import dev.switchboard.budget.WindowUsage;
import dev.switchboard.ledger.LedgerReader;
import dev.switchboard.ledger.SpendGroup;
import dev.switchboard.ledger.SpendQuery;
import dev.switchboard.ledger.SpendRow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Key spend summed from the ledger's settled rows, calendar periods in {@code zone}, a session's
 * when one is named; what requests in flight hold comes from the budgets' reservations. Queries run
 * on virtual threads.
 */
public final class LedgerKeyUsage implements KeyUsageSource {
  private static final Executor VIRTUAL = command -> Thread.ofVirtual().start(command);

  private final LedgerReader ledger;
  private final Optional<Budgets> budgets;
  private final ZoneId zone;
  private final Clock clock;

  private LedgerKeyUsage(LedgerReader ledger, Optional<Budgets> budgets, ZoneId zone, Clock clock) {
    this.ledger = ledger;
    this.budgets = budgets;
    this.zone = zone;
    this.clock = clock;
  }

  /** Settled spend only: nothing reserved shows. */
  public static LedgerKeyUsage of(LedgerReader ledger, ZoneId zone) {
    return of(ledger, zone, Clock.systemUTC());
  }

  /** With the clock that says which day, week and month it is. */
  public static LedgerKeyUsage of(LedgerReader ledger, ZoneId zone, Clock clock) {
    return new LedgerKeyUsage(ledger, Optional.empty(), zone, clock);
  }

  /** With what {@code budgets} hold for requests in flight. */
  public static LedgerKeyUsage of(LedgerReader ledger, Budgets budgets, ZoneId zone) {
    return new LedgerKeyUsage(ledger, Optional.of(budgets), zone, Clock.systemUTC());
  }

  @Override
  public CompletableFuture<KeyUsage> usage(ApiKey key, Optional<String> sessionId) {
    return CompletableFuture.supplyAsync(() -> read(key, sessionId, clock.instant()), VIRTUAL);
  }

  private KeyUsage read(ApiKey key, Optional<String> sessionId, Instant now) {
    long total = since(key, Optional.empty());
    Optional<LimitReset> reset = key.rules().limitReset();
    long period =
        reset.isPresent() ? since(key, Optional.of(reset.get().periodStart(now, zone))) : total;
    return new KeyUsage(
        total,
        since(key, Optional.of(LimitReset.DAILY.periodStart(now, zone))),
        since(key, Optional.of(LimitReset.WEEKLY.periodStart(now, zone))),
        since(key, Optional.of(LimitReset.MONTHLY.periodStart(now, zone))),
        period,
        reserved(key, now),
        reset.map(r -> r.nextReset(now, zone)),
        sessionId.isPresent()
            ? OptionalLong.of(ledger.spentMicros(key.id(), Instant.EPOCH, sessionId))
            : OptionalLong.empty());
  }

  /** What the key's credit window holds for requests in flight. */
  private long reserved(ApiKey key, Instant now) {
    if (budgets.isEmpty() || key.rules().limitMicros().isEmpty()) {
      return 0;
    }
    List<BudgetWindow> windows = BudgetWindows.of(key, Optional.empty(), now, zone);
    WindowUsage credit = budgets.get().usage(windows).join().get(windows.getFirst().id());
    return credit == null ? 0 : credit.reservedMicros();
  }

  private long since(ApiKey key, Optional<Instant> from) {
    long sum = 0;
    SpendQuery query =
        SpendQuery.of(SpendGroup.KEY).between(from, Optional.empty()).ofKey(key.id());
    for (SpendRow row : ledger.spend(query)) {
      sum = Math.addExact(sum, row.costMicros());
    }
    return sum;
  }
}
