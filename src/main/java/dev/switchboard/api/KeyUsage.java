package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A key's spend in micro-dollars: all time, today, this week (from Monday) and this month in the
 * configured time zone; in its current limit period (all time when the limit never resets), plus
 * what requests in flight have reserved; when the limit next resets; and one session's spend when
 * asked for.
 */
public record KeyUsage(
    long totalMicros,
    long dailyMicros,
    long weeklyMicros,
    long monthlyMicros,
    long limitPeriodMicros,
    long reservedMicros,
    Optional<Instant> limitResetsAt,
    OptionalLong sessionMicros) {

  /** What the key may still spend under its credit limit, never below 0; empty without a limit. */
  public OptionalLong limitRemainingMicros(ApiKey key) {
    if (key.limitMicros().isEmpty()) {
      return OptionalLong.empty();
    }
    long used = limitPeriodMicros + reservedMicros;
    return OptionalLong.of(Math.max(0, key.limitMicros().getAsLong() - used));
  }
}
