package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.LimitReset;
import dev.switchboard.ledger.LedgerReader;
import dev.switchboard.ledger.SpendGroup;
import dev.switchboard.ledger.SpendQuery;
import dev.switchboard.ledger.SpendRow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Key spend summed from the ledger's settled rows, calendar periods in {@code zone}. Knows nothing
 * of reservations in flight (reserved is 0) nor of sessions (empty). Queries run on virtual
 * threads.
 */
public final class LedgerKeyUsage implements KeyUsageSource {
  private static final Executor VIRTUAL = command -> Thread.ofVirtual().start(command);

  private final LedgerReader ledger;
  private final ZoneId zone;
  private final Clock clock;

  private LedgerKeyUsage(LedgerReader ledger, ZoneId zone, Clock clock) {
    this.ledger = ledger;
    this.zone = zone;
    this.clock = clock;
  }

  public static LedgerKeyUsage of(LedgerReader ledger, ZoneId zone) {
    return of(ledger, zone, Clock.systemUTC());
  }

  /** With the clock that says which day, week and month it is. */
  public static LedgerKeyUsage of(LedgerReader ledger, ZoneId zone, Clock clock) {
    return new LedgerKeyUsage(ledger, zone, clock);
  }

  @Override
  public CompletableFuture<KeyUsage> usage(ApiKey key, Optional<String> sessionId) {
    return CompletableFuture.supplyAsync(() -> read(key, clock.instant()), VIRTUAL);
  }

  private KeyUsage read(ApiKey key, Instant now) {
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
        0,
        reset.map(r -> r.nextReset(now, zone)),
        OptionalLong.empty());
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
