package dev.switchboard.budget;

import java.time.Instant;
import java.util.Optional;

/**
 * One limit a request's spend counts against. {@code id} is deterministic, so every node names the
 * same window the same way: {@code credit:KEYID:2026-12-01T00:00:00Z} (reset period start, or
 * {@code all}), {@code day:KEYID:2026-12-06}, {@code session:KEYID:<16 hex chars of the session
 * id's SHA-256>}. Spend counts from {@code start}; {@code sessionId} is the raw session id of a
 * session window (to sum its ledger rows), empty for the others.
 */
public record BudgetWindow(
    String id,
    String keyId,
    WindowKind kind,
    Instant start,
    Optional<String> sessionId,
    long limitMicros) {

  public BudgetWindow {
    if (limitMicros < 0) {
      throw new IllegalArgumentException("negative limit for window " + id);
    }
  }
}
