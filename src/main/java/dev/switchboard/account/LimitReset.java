package dev.switchboard.account;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When a key's credit limit starts over: calendar-aligned periods in a time zone (weeks start on
 * Monday). Stand-in for the keys helper's version (issue 10 contract), same API.
 */
public enum LimitReset {
  DAILY,
  WEEKLY,
  MONTHLY;

  /** The start of the period containing {@code now}. */
  public Instant periodStart(Instant now, ZoneId zone) {
    ZonedDateTime day = now.atZone(zone).toLocalDate().atStartOfDay(zone);
    return switch (this) {
      case DAILY -> day.toInstant();
      case WEEKLY ->
          day.toLocalDate()
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
              .atStartOfDay(zone)
              .toInstant();
      case MONTHLY -> day.toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
    };
  }

  /** The start of the next period. */
  public Instant nextReset(Instant now, ZoneId zone) {
    var start = periodStart(now, zone).atZone(zone).toLocalDate();
    var next =
        switch (this) {
          case DAILY -> start.plusDays(1);
          case WEEKLY -> start.plusWeeks(1);
          case MONTHLY -> start.plusMonths(1);
        };
    return next.atStartOfDay(zone).toInstant();
  }
}
