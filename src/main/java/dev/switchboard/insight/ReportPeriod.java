package dev.switchboard.insight;

import java.time.Duration;
import java.time.Instant;

/** A named, half-open time range {@code [from, to)} that a report covers, e.g. "week". */
public record ReportPeriod(String name, Instant from, Instant to) {
  public ReportPeriod {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "a period cannot end (" + to + ") before it starts (" + from + ")");
    }
  }

  /** The period of the given length that ends at {@code end}, e.g. the week up to now. */
  public static ReportPeriod ending(String name, Duration length, Instant end) {
    return new ReportPeriod(name, end.minus(length), end);
  }
}
