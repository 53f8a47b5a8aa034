package dev.switchboard.insight.sql;

import java.time.Instant;

/** Hour boundaries in epoch milliseconds, as {@code usage_hourly.hour_start} stores them. */
final class Hours {
  static final long HOUR_MS = 3_600_000L;
  static final long DAY_MS = 24 * HOUR_MS;

  private Hours() {}

  /** The start of the hour {@code at} falls in. */
  static long floor(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), HOUR_MS) * HOUR_MS;
  }

  static long floor(long epochMilli) {
    return Math.floorDiv(epochMilli, HOUR_MS) * HOUR_MS;
  }

  /** The first hour start at or after {@code at}. */
  static long ceil(Instant at) {
    return Math.ceilDiv(at.toEpochMilli(), HOUR_MS) * HOUR_MS;
  }
}
