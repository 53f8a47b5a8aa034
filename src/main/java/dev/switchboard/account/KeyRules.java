package dev.switchboard.account;

import dev.switchboard.policy.DataClass;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a key may do and spend. Stand-in for the keys helper's version (issue 10 contract), same
 * API: money in micro-dollars, {@code models} empty = any model.
 */
public record KeyRules(
    OptionalLong limitMicros,
    Optional<LimitReset> limitReset,
    Optional<Instant> expiresAt,
    List<String> models,
    OptionalInt rpm,
    OptionalLong tpm,
    OptionalInt concurrency,
    OptionalLong sessionCapMicros,
    OptionalLong dailyCapMicros,
    Optional<DataClass> dataClass) {

  /** No rule at all. */
  public static final KeyRules NONE =
      new KeyRules(
          OptionalLong.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          OptionalInt.empty(),
          OptionalLong.empty(),
          OptionalInt.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          Optional.empty());

  public KeyRules {
    models = List.copyOf(models);
  }

  /** True when any money limit applies: the credit limit, the session cap or the daily cap. */
  public boolean hasMoneyLimit() {
    return limitMicros.isPresent() || sessionCapMicros.isPresent() || dailyCapMicros.isPresent();
  }
}
