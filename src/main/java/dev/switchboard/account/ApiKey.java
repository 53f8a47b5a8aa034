package dev.switchboard.account;

import dev.switchboard.money.Money;
import dev.switchboard.policy.DataClass;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An API key as stored: never the secret, only an id ({@code key_…}), a unique-while-active name, a
 * hint showing the first secret characters, an optional spend limit and the spend so far, both in
 * micro-dollars, and an optional default data class: every request made with the key is at least
 * that class.
 */
public record ApiKey(
    String id,
    String name,
    String hint,
    OptionalLong limitMicros,
    long spentMicros,
    Instant createdAt,
    Optional<Instant> revokedAt,
    Optional<DataClass> dataClass) {

  /** A key without a default data class. */
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

  /**
   * The key's rules. Stand-in for the keys helper's version (issue 10 contract): only the limit and
   * the data class exist here.
   */
  public KeyRules rules() {
    return new KeyRules(
        limitMicros,
        Optional.empty(),
        Optional.empty(),
        java.util.List.of(),
        java.util.OptionalInt.empty(),
        OptionalLong.empty(),
        java.util.OptionalInt.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        dataClass);
  }

  public boolean active() {
    return revokedAt.isEmpty();
  }

  /** The spend limit as money, for display. */
  public Optional<Money> limit() {
    return limitMicros.isPresent()
        ? Optional.of(Money.ofMicros(limitMicros.getAsLong()))
        : Optional.empty();
  }

  public Money spent() {
    return Money.ofMicros(spentMicros);
  }

  /** True once spend has reached the limit; a key without a limit is never over it. */
  public boolean overLimit() {
    return limitMicros.isPresent() && spentMicros >= limitMicros.getAsLong();
  }
}
