package dev.switchboard.cli;

import dev.switchboard.account.KeyRules;
import dev.switchboard.account.LimitReset;
import dev.switchboard.money.Money;
import dev.switchboard.policy.DataClass;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The rule flags shared by {@code keys create} and {@code keys update}. A flag left out keeps the
 * rule as it is (none, on create); {@code none} (for models: {@code any}) removes it on update.
 */
final class KeyRuleOptions {
  @Option(
      names = {"--limit", "--limit-usd"},
      paramLabel = "USD",
      converter = UsdChange.class,
      description = "Credit limit in USD (up to 6 decimals), or none.")
  @Nullable Change<Money> limit;

  @Option(
      names = "--reset",
      paramLabel = "PERIOD",
      converter = ResetChange.class,
      description = "When the limit starts over: daily, weekly (Monday), monthly, or none.")
  @Nullable Change<LimitReset> reset;

  @Option(
      names = "--expires",
      paramLabel = "WHEN",
      converter = ExpiryChange.class,
      description =
          "Expiry: an instant (2027-01-01T00:00:00Z), a date (UTC midnight), a time from now"
              + " (30d, 12h, 90m), or none.")
  @Nullable Change<Instant> expires;

  @Option(
      names = "--models",
      paramLabel = "LIST",
      converter = ModelsChange.class,
      description =
          "Allowed models, comma-separated; a name ending in * allows a prefix (openai/*); any"
              + " allows all.")
  @Nullable Change<List<String>> models;

  @Option(
      names = "--rpm",
      paramLabel = "N",
      converter = CountChange.class,
      description = "Requests per minute, or none.")
  @Nullable Change<Long> rpm;

  @Option(
      names = "--tpm",
      paramLabel = "N",
      converter = CountChange.class,
      description = "Tokens per minute, or none.")
  @Nullable Change<Long> tpm;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      converter = CountChange.class,
      description = "Concurrent requests, or none.")
  @Nullable Change<Long> concurrency;

  @Option(
      names = "--session-cap",
      paramLabel = "USD",
      converter = UsdChange.class,
      description = "Most a session may spend, in USD, or none.")
  @Nullable Change<Money> sessionCap;

  @Option(
      names = "--daily-cap",
      paramLabel = "USD",
      converter = UsdChange.class,
      description = "Most the key may spend per day, in USD, or none.")
  @Nullable Change<Money> dailyCap;

  @Option(
      names = "--data-class",
      paramLabel = "CLASS",
      converter = DataClassChange.class,
      description =
          "Default data class: public, internal, confidential or regulated (or none). Every"
              + " request made with the key is at least this class.")
  @Nullable Change<DataClass> dataClass;

  @Option(
      names = "--default-model",
      paramLabel = "MODEL",
      converter = ModelChange.class,
      description =
          "Model for requests that name none (switchboard/auto routes each by its prompt), or"
              + " none.")
  @Nullable Change<String> defaultModel;

  /** Whether any rule flag was given. */
  boolean any() {
    return limit != null
        || reset != null
        || expires != null
        || models != null
        || rpm != null
        || tpm != null
        || concurrency != null
        || sessionCap != null
        || dailyCap != null
        || dataClass != null
        || defaultModel != null;
  }

  /**
   * The rules with the given flags applied to {@code base}.
   *
   * @throws IllegalArgumentException when the result breaks a rule (a reset without a limit)
   */
  KeyRules applyTo(KeyRules base) {
    KeyRules.Builder b = base.toBuilder();
    if (limit != null) {
      b.limitMicros(micros(limit));
      if (limit.value().isEmpty() && reset == null) {
        b.limitReset(Optional.empty()); // no limit left to reset
      }
    }
    if (reset != null) {
      b.limitReset(reset.value());
    }
    if (expires != null) {
      b.expiresAt(expires.value());
    }
    if (models != null) {
      b.models(models.value().orElse(List.of()));
    }
    if (rpm != null) {
      b.rpm(count(rpm));
    }
    if (tpm != null) {
      b.tpm(tpm.value().map(OptionalLong::of).orElse(OptionalLong.empty()));
    }
    if (concurrency != null) {
      b.concurrency(count(concurrency));
    }
    if (sessionCap != null) {
      b.sessionCapMicros(micros(sessionCap));
    }
    if (dailyCap != null) {
      b.dailyCapMicros(micros(dailyCap));
    }
    if (dataClass != null) {
      b.dataClass(dataClass.value());
    }
    if (defaultModel != null) {
      b.defaultModel(defaultModel.value());
    }
    return b.build();
  }

  /** The rules in one line, for create, update and list: {@code -} for none. */
  static String describe(KeyRules rules) {
    StringBuilder text = new StringBuilder();
    rules
        .limitMicros()
        .ifPresent(
            m ->
                part(text, "limit " + Money.ofMicros(m))
                    .append(rules.limitReset().map(r -> " " + r.wireName()).orElse("")));
    rules.expiresAt().ifPresent(at -> part(text, "expires " + at));
    if (!rules.models().isEmpty()) {
      part(text, "models " + String.join(",", rules.models()));
    }
    rules.rpm().ifPresent(n -> part(text, "rpm " + n));
    rules.tpm().ifPresent(n -> part(text, "tpm " + n));
    rules.concurrency().ifPresent(n -> part(text, "concurrency " + n));
    rules.sessionCapMicros().ifPresent(m -> part(text, "session cap " + Money.ofMicros(m)));
    rules.dailyCapMicros().ifPresent(m -> part(text, "daily cap " + Money.ofMicros(m)));
    rules.dataClass().ifPresent(c -> part(text, "data class " + c.wireName()));
    rules.defaultModel().ifPresent(m -> part(text, "default model " + m));
    return text.isEmpty() ? "-" : text.toString();
  }

  private static StringBuilder part(StringBuilder text, String part) {
    return (text.isEmpty() ? text : text.append(", ")).append(part);
  }

  private static OptionalLong micros(Change<Money> change) {
    return change.value().map(m -> OptionalLong.of(m.micros())).orElse(OptionalLong.empty());
  }

  private static OptionalInt count(Change<Long> change) {
    return change.value().map(n -> OptionalInt.of(Math.toIntExact(n))).orElse(OptionalInt.empty());
  }

  private static boolean clears(String value, String word) {
    return value.strip().equalsIgnoreCase(word);
  }

  /** A flag's value: a new setting, or empty to remove the rule. */
  record Change<T>(Optional<T> value) {}

  /** A USD amount (as {@link KeysCommand.UsdAmount}) or none. */
  static final class UsdChange implements CommandLine.ITypeConverter<Change<Money>> {
    @Override
    public Change<Money> convert(String value) {
      return new Change<>(
          clears(value, "none")
              ? Optional.empty()
              : Optional.of(new KeysCommand.UsdAmount().convert(value)));
    }
  }

  /** daily, weekly, monthly or none. */
  static final class ResetChange implements CommandLine.ITypeConverter<Change<LimitReset>> {
    @Override
    public Change<LimitReset> convert(String value) {
      if (clears(value, "none")) {
        return new Change<>(Optional.empty());
      }
      try {
        return new Change<>(Optional.of(LimitReset.of(value)));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }

  /** A positive whole number up to 2^31-1, or none. */
  static final class CountChange implements CommandLine.ITypeConverter<Change<Long>> {
    @Override
    public Change<Long> convert(String value) {
      if (clears(value, "none")) {
        return new Change<>(Optional.empty());
      }
      try {
        int n = Integer.parseInt(value.strip());
        if (n < 1) {
          throw new NumberFormatException();
        }
        return new Change<>(Optional.of((long) n));
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a whole number from 1 to " + Integer.MAX_VALUE + ", or none");
      }
    }
  }

  /** Comma-separated model names, or any. */
  static final class ModelsChange implements CommandLine.ITypeConverter<Change<List<String>>> {
    @Override
    public Change<List<String>> convert(String value) {
      if (clears(value, "any")) {
        return new Change<>(Optional.empty());
      }
      List<String> names = Arrays.stream(value.split(",")).map(String::strip).toList();
      if (names.stream().anyMatch(String::isEmpty)) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' has an empty model name; list names as a,b,c (or any)");
      }
      return new Change<>(Optional.of(names));
    }
  }

  /** A model id or none. */
  static final class ModelChange implements CommandLine.ITypeConverter<Change<String>> {
    @Override
    public Change<String> convert(String value) {
      return new Change<>(clears(value, "none") ? Optional.empty() : Optional.of(value.strip()));
    }
  }

  /** A data class name or none. */
  static final class DataClassChange implements CommandLine.ITypeConverter<Change<DataClass>> {
    @Override
    public Change<DataClass> convert(String value) {
      if (clears(value, "none")) {
        return new Change<>(Optional.empty());
      }
      return new Change<>(Optional.of(new KeysCommand.DataClassName().convert(value)));
    }
  }

  /** An instant, a date (UTC midnight), a time from now (30d, 12h, 90m), or none/never. */
  static final class ExpiryChange implements CommandLine.ITypeConverter<Change<Instant>> {
    private static final Pattern FROM_NOW = Pattern.compile("(\\d{1,6})([dhm])");

    @Override
    public Change<Instant> convert(String value) {
      String text = value.strip();
      if (clears(text, "none") || clears(text, "never")) {
        return new Change<>(Optional.empty());
      }
      return new Change<>(Optional.of(parse(text, Instant.now())));
    }

    static Instant parse(String text, Instant now) {
      Matcher fromNow = FROM_NOW.matcher(text);
      if (fromNow.matches()) {
        long n = Long.parseLong(fromNow.group(1));
        Duration span =
            switch (fromNow.group(2)) {
              case "d" -> Duration.ofDays(n);
              case "h" -> Duration.ofHours(n);
              default -> Duration.ofMinutes(n);
            };
        return now.plus(span);
      }
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException notAnInstant) {
        try {
          return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
          throw new CommandLine.TypeConversionException(
              "'"
                  + text
                  + "' is not an expiry: use an instant (2027-01-01T00:00:00Z), a date"
                  + " (2027-01-01), a time from now (30d, 12h, 90m) or none");
        }
      }
    }
  }
}
