package dev.switchboard.account;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * How often a key's credit limit starts over, calendar-aligned in a time zone: at midnight, on
 * Monday at midnight, or on the first of the month at midnight. Periods are computed on local
 * dates, so a daylight-saving change makes a day 23 or 25 hours long instead of shifting the
 * boundary.
 */
public enum LimitReset {
  DAILY,
  WEEKLY,
  MONTHLY;

  /** The start of the period containing {@code now}. */
  public Instant periodStart(Instant now, ZoneId zone) {
    return startOf(firstDay(now.atZone(zone).toLocalDate()), zone);
  }

  /** The start of the period after the one containing {@code now}: when the limit next resets. */
  public Instant nextReset(Instant now, ZoneId zone) {
    LocalDate first = firstDay(now.atZone(zone).toLocalDate());
    LocalDate next =
        switch (this) {
          case DAILY -> first.plusDays(1);
          case WEEKLY -> first.plusWeeks(1);
          case MONTHLY -> first.plusMonths(1);
        };
    return startOf(next, zone);
  }

  /** The lower-case name used in configuration, the CLI and the API: {@code daily}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The reset named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the three resets, for any other name
   */
  public static LimitReset of(String name) {
    for (LimitReset reset : values()) {
      if (reset.wireName().equalsIgnoreCase(name.strip())) {
        return reset;
      }
    }
    throw new IllegalArgumentException(
        "unknown limit reset '"
            + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
            + "' (daily, weekly or monthly)");
  }

  private LocalDate firstDay(LocalDate day) {
    return switch (this) {
      case DAILY -> day;
      case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTHLY -> day.withDayOfMonth(1);
    };
  }

  // atStartOfDay(zone) picks the first valid instant when midnight falls in a DST gap.
  private static Instant startOf(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toInstant();
  }
}
