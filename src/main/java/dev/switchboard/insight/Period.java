package dev.switchboard.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A ranking period: the last day, week (7 days) or month (30 days). Rollups are hourly, so a period
 * ends at the end of the current hour (it includes everything up to now) and starts its length
 * before that.
 */
public enum Period {
  DAY(Duration.ofDays(1)),
  WEEK(Duration.ofDays(7)),
  MONTH(Duration.ofDays(30));

  private final Duration length;

  Period(Duration length) {
    this.length = length;
  }

  public Duration length() {
    return length;
  }

  /** {@code day}, {@code week} or {@code month}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The period that includes {@code now}: it ends at the end of now's hour. */
  public ReportPeriod endingAt(Instant now) {
    Instant end = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    return new ReportPeriod(wireName(), end.minus(length), end);
  }

  /**
   * The period named {@code name}.
   *
   * @throws IllegalArgumentException for a name other than day, week or month
   */
  public static Period of(String name) {
    for (Period period : values()) {
      if (period.wireName().equalsIgnoreCase(name.strip())) {
        return period;
      }
    }
    throw new IllegalArgumentException(
        "unknown period '"
            + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
            + "' (one of day, week, month)");
  }
}
