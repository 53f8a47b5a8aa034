package dev.switchboard.account;

import dev.switchboard.money.Money;
import dev.switchboard.policy.DataClass;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An API key as stored: never the secret, only an id ({@code key_…}), a unique-while-active name, a
 * hint showing the first secret characters, the spend so far in micro-dollars, its {@link KeyRules}
 * and whether it is an admin key. An admin key manages keys over the API and may not call
 * completions; a normal key may not manage keys.
 */
public record ApiKey(
    String id,
    String name,
    String hint,
    long spentMicros,
    Instant createdAt,
    Optional<Instant> revokedAt,
    KeyRules rules,
    boolean admin) {

  /** A normal key whose only rules are a lifetime limit and a default data class. */
  public ApiKey(
      String id,
      String name,
      String hint,
      OptionalLong limitMicros,
      long spentMicros,
      Instant createdAt,
      Optional<Instant> revokedAt,
      Optional<DataClass> dataClass) {
    this(
        id,
        name,
        hint,
        spentMicros,
        createdAt,
        revokedAt,
        KeyRules.builder().limitMicros(limitMicros).dataClass(dataClass).build(),
        false);
  }

  /** A normal key without a default data class. */
  public ApiKey(
      String id,
      String name,
      String hint,
      OptionalLong limitMicros,
      long spentMicros,
      Instant createdAt,
      Optional<Instant> revokedAt) {
    this(id, name, hint, limitMicros, spentMicros, createdAt, revokedAt, Optional.empty());
  }

  /** Not revoked; an expired key is still active (see {@link #expired}). */
  public boolean active() {
    return revokedAt.isEmpty();
  }

  /** Whether the key's expiry has passed at {@code now}. */
  public boolean expired(Instant now) {
    return rules.expiresAt().isPresent() && !now.isBefore(rules.expiresAt().get());
  }

  /**
   * Whether the key may ask for {@code requestedModel}: any model when its rules list none,
   * otherwise a listed name exactly, or a listed prefix ending in {@code *} ({@code anthropic/*}).
   */
  public boolean allowsModel(String requestedModel) {
    if (rules.models().isEmpty()) {
      return true;
    }
    for (String allowed : rules.models()) {
      if (allowed.endsWith("*")
          ? requestedModel.startsWith(allowed.substring(0, allowed.length() - 1))
          : allowed.equals(requestedModel)) {
        return true;
      }
    }
    return false;
  }

  /** The credit limit in micro-dollars ({@link KeyRules#limitMicros}). */
  public OptionalLong limitMicros() {
    return rules.limitMicros();
  }

  /** The default data class ({@link KeyRules#dataClass}). */
  public Optional<DataClass> dataClass() {
    return rules.dataClass();
  }

  /** The credit limit as money, for display. */
  public Optional<Money> limit() {
    return limitMicros().isPresent()
        ? Optional.of(Money.ofMicros(limitMicros().getAsLong()))
        : Optional.empty();
  }

  public Money spent() {
    return Money.ofMicros(spentMicros);
  }

  /**
   * True once lifetime spend has reached a limit that never resets; a key without a limit, or whose
   * limit resets (budgets check those per period), is never over it here.
   */
  public boolean overLimit() {
    return limitMicros().isPresent()
        && rules.limitReset().isEmpty()
        && spentMicros >= limitMicros().getAsLong();
  }
}
