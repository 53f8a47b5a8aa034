package dev.switchboard.budget;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.account.LimitReset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The windows a key's request counts against now: its credit limit (for the current reset period,
 * or for all time), its daily cap (the calendar day in {@code zone}) and its session cap (only when
 * the request names a session). Ordered by id, which is the lock order of the SQL store.
 */
public final class BudgetWindows {
  private static final int SESSION_HASH_HEX = 16;

  private BudgetWindows() {}

  public static List<BudgetWindow> of(
      ApiKey key, Optional<String> sessionId, Instant now, ZoneId zone) {
    return of(key.id(), key.rules(), sessionId, now, zone);
  }

  /** The windows of a key with id {@code keyId} and these rules. */
  public static List<BudgetWindow> of(
      String keyId, KeyRules rules, Optional<String> sessionId, Instant now, ZoneId zone) {
    List<BudgetWindow> windows = new ArrayList<>(3);
    if (rules.limitMicros().isPresent()) {
      windows.add(credit(keyId, rules.limitReset(), rules.limitMicros().getAsLong(), now, zone));
    }
    if (rules.dailyCapMicros().isPresent()) {
      var day = now.atZone(zone).toLocalDate();
      windows.add(
          new BudgetWindow(
              "day:" + keyId + ":" + day,
              keyId,
              WindowKind.DAY,
              day.atStartOfDay(zone).toInstant(),
              Optional.empty(),
              rules.dailyCapMicros().getAsLong()));
    }
    if (rules.sessionCapMicros().isPresent() && sessionId.isPresent()) {
      windows.add(
          new BudgetWindow(
              "session:" + keyId + ":" + sessionHash(sessionId.get()),
              keyId,
              WindowKind.SESSION,
              Instant.EPOCH,
              sessionId,
              rules.sessionCapMicros().getAsLong()));
    }
    return List.copyOf(windows);
  }

  private static BudgetWindow credit(
      String keyId, Optional<LimitReset> reset, long limit, Instant now, ZoneId zone) {
    Instant start = reset.map(r -> r.periodStart(now, zone)).orElse(Instant.EPOCH);
    String period = reset.isPresent() ? start.toString() : "all";
    return new BudgetWindow(
        "credit:" + keyId + ":" + period, keyId, WindowKind.CREDIT, start, Optional.empty(), limit);
  }

  /**
   * The first 16 hex characters of the SHA-256 of a session id: ids are not stored raw in names.
   */
  static String sessionHash(String sessionId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, SESSION_HASH_HEX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
