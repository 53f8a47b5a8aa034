package dev.switchboard.account;

import dev.switchboard.policy.DataClass;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a key may do: a credit limit in micro-dollars (for all time, or per {@link LimitReset}
 * period), an expiry, the models it may ask for (empty: any), requests and tokens per minute,
 * concurrent requests, caps per session and per day in micro-dollars, a default data class, and a
 * default model (for requests that name none; {@code switchboard/auto} routes them by prompt).
 * Every part is optional; {@link #NONE} sets nothing. Amounts are never negative and counts are
 * positive; a reset needs a limit; model names have no commas and may end in {@code *} (a prefix).
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
    Optional<DataClass> dataClass,
    Optional<String> defaultModel) {

  /** No limit of any kind. */
  public static final KeyRules NONE = builder().build();

  /** Validates; see the type's contract. */
  public KeyRules {
    models = List.copyOf(models);
    nonNegative(limitMicros, "a credit limit");
    nonNegative(sessionCapMicros, "a session cap");
    nonNegative(dailyCapMicros, "a daily cap");
    positive(rpm, "requests per minute");
    positive(tpm, "tokens per minute");
    positive(concurrency, "concurrency");
    modelName(defaultModel);
    if (limitReset.isPresent() && limitMicros.isEmpty()) {
      throw new IllegalArgumentException("a limit reset needs a credit limit");
    }
    for (String model : models) {
      if (model.isBlank() || !model.equals(model.strip()) || model.contains(",")) {
        throw new IllegalArgumentException(
            "an allowed model must be a name without commas or surrounding spaces: '"
                + (model.length() > 60 ? model.substring(0, 60) + "…" : model)
                + "'");
      }
    }
  }

  private static void modelName(Optional<String> model) {
    if (model.isPresent()
        && (model.get().isBlank()
            || model.get().length() > 200
            || !model.get().equals(model.get().strip()))) {
      throw new IllegalArgumentException(
          "a default model must be a model id without surrounding spaces");
    }
  }

  /** Whether any money limit applies: the credit limit, the session cap or the daily cap. */
  public boolean hasMoneyLimit() {
    return limitMicros.isPresent() || sessionCapMicros.isPresent() || dailyCapMicros.isPresent();
  }

  /** A builder starting from no limits. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these rules, for changing some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.limitMicros = limitMicros;
    b.limitReset = limitReset;
    b.expiresAt = expiresAt;
    b.models = models;
    b.rpm = rpm;
    b.tpm = tpm;
    b.concurrency = concurrency;
    b.sessionCapMicros = sessionCapMicros;
    b.dailyCapMicros = dailyCapMicros;
    b.dataClass = dataClass;
    b.defaultModel = defaultModel;
    return b;
  }

  private static void nonNegative(OptionalLong value, String what) {
    if (value.isPresent() && value.getAsLong() < 0) {
      throw new IllegalArgumentException(what + " cannot be negative");
    }
  }

  private static void positive(OptionalLong value, String what) {
    if (value.isPresent() && value.getAsLong() <= 0) {
      throw new IllegalArgumentException(what + " must be at least 1");
    }
  }

  private static void positive(OptionalInt value, String what) {
    if (value.isPresent() && value.getAsInt() <= 0) {
      throw new IllegalArgumentException(what + " must be at least 1");
    }
  }

  /** Collects rules one at a time; {@link #build} validates them together. Not thread-safe. */
  public static final class Builder {
    private OptionalLong limitMicros = OptionalLong.empty();
    private Optional<LimitReset> limitReset = Optional.empty();
    private Optional<Instant> expiresAt = Optional.empty();
    private List<String> models = List.of();
    private OptionalInt rpm = OptionalInt.empty();
    private OptionalLong tpm = OptionalLong.empty();
    private OptionalInt concurrency = OptionalInt.empty();
    private OptionalLong sessionCapMicros = OptionalLong.empty();
    private OptionalLong dailyCapMicros = OptionalLong.empty();
    private Optional<DataClass> dataClass = Optional.empty();
    private Optional<String> defaultModel = Optional.empty();

    private Builder() {}

    public Builder limitMicros(OptionalLong value) {
      limitMicros = value;
      return this;
    }

    public Builder limitReset(Optional<LimitReset> value) {
      limitReset = value;
      return this;
    }

    public Builder expiresAt(Optional<Instant> value) {
      expiresAt = value;
      return this;
    }

    public Builder models(List<String> value) {
      models = List.copyOf(value);
      return this;
    }

    public Builder rpm(OptionalInt value) {
      rpm = value;
      return this;
    }

    public Builder tpm(OptionalLong value) {
      tpm = value;
      return this;
    }

    public Builder concurrency(OptionalInt value) {
      concurrency = value;
      return this;
    }

    public Builder sessionCapMicros(OptionalLong value) {
      sessionCapMicros = value;
      return this;
    }

    public Builder dailyCapMicros(OptionalLong value) {
      dailyCapMicros = value;
      return this;
    }

    public Builder dataClass(Optional<DataClass> value) {
      dataClass = value;
      return this;
    }

    public Builder defaultModel(Optional<String> value) {
      defaultModel = value;
      return this;
    }

    /**
     * The rules.
     *
     * @throws IllegalArgumentException if they break the contract of {@link KeyRules}
     */
    public KeyRules build() {
      return new KeyRules(
          limitMicros,
          limitReset,
          expiresAt,
          models,
          rpm,
          tpm,
          concurrency,
          sessionCapMicros,
          dailyCapMicros,
          dataClass,
          defaultModel);
    }
  }
}
