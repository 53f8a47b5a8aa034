package dev.switchboard.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** Reads the {@code budgets:} section: {@code time_zone} and {@code reservation_ttl}. */
final class BudgetsConfig {
  private static final Duration MIN_TTL = Duration.ofSeconds(3);
  private static final Duration MAX_TTL = Duration.ofHours(1);

  private BudgetsConfig() {}

  static Config.Budgets parse(ConfigNode node) {
    node.allowOnly(List.of("time_zone", "reservation_ttl"));
    Config.Budgets d = Config.Budgets.defaults();
    ZoneId zone = d.timeZone();
    if (node.has("time_zone")) {
      String name = node.requiredString("time_zone");
      try {
        zone = ZoneId.of(name);
      } catch (DateTimeException e) {
        throw node.error(
            "time_zone", "not a time zone: '" + name + "' (use a name such as Europe/Berlin)");
      }
    }
    // Renewals run at a third of the TTL; below a few seconds a GC pause could expire a live one.
    Duration ttl = node.duration("reservation_ttl").orElse(d.reservationTtl());
    if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw node.error("reservation_ttl", "expected 3s to 1h, got " + ttl.toMillis() + "ms");
    }
    return new Config.Budgets(zone, ttl);
  }
}
