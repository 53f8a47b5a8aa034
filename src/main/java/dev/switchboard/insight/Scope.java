package dev.switchboard.insight;

import java.util.Optional;

/**
 * Whose requests a report covers: one key's ({@code keyId} present), or every key's (an admin key,
 * the operator's CLI).
 */
public record Scope(Optional<String> keyId) {
  /** Every key's requests. */
  public static final Scope ALL = new Scope(Optional.empty());

  /** Only the requests made with key {@code keyId}. */
  public static Scope key(String keyId) {
    return new Scope(Optional.of(keyId));
  }
}
