package dev.switchboard.account.sql;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.account.LimitReset;
import dev.switchboard.policy.DataClass;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** How an {@link ApiKey} maps to a row of {@code api_keys} (V1, V6, V7, V11). */
final class KeyRows {
  /** The rule columns, in the order {@link #bindRules} binds them. */
  static final String RULE_COLUMNS =
      "limit_micros, limit_reset, expires_at, models, rpm, tpm, concurrency, session_cap_micros,"
          + " daily_cap_micros, data_class, default_model";

  static final int RULE_COUNT = 11;

  static final String COLUMNS =
      "id, name, hint, spent_micros, created_at, revoked_at, admin, " + RULE_COLUMNS;

  private static final String MODEL_SEPARATOR = ",";

  private KeyRows() {}

  /** Binds the rules to parameters {@code first} to {@code first + RULE_COUNT - 1}. */
  static void bindRules(PreparedStatement s, int first, KeyRules rules) throws SQLException {
    setLong(s, first, rules.limitMicros());
    s.setString(first + 1, rules.limitReset().map(LimitReset::wireName).orElse(null));
    setLong(
        s,
        first + 2,
        rules
            .expiresAt()
            .map(at -> OptionalLong.of(at.toEpochMilli()))
            .orElse(OptionalLong.empty()));
    s.setString(first + 3, String.join(MODEL_SEPARATOR, rules.models()));
    setLong(s, first + 4, toLong(rules.rpm()));
    setLong(s, first + 5, rules.tpm());
    setLong(s, first + 6, toLong(rules.concurrency()));
    setLong(s, first + 7, rules.sessionCapMicros());
    setLong(s, first + 8, rules.dailyCapMicros());
    s.setString(first + 9, rules.dataClass().map(DataClass::wireName).orElse(null));
    s.setString(first + 10, rules.defaultModel().orElse(null));
  }

  static ApiKey read(ResultSet row) throws SQLException {
    OptionalLong revoked = optionalLong(row, "revoked_at");
    return new ApiKey(
        row.getString("id"),
        row.getString("name"),
        row.getString("hint"),
        row.getLong("spent_micros"),
        Instant.ofEpochMilli(row.getLong("created_at")),
        revoked.isPresent()
            ? Optional.of(Instant.ofEpochMilli(revoked.getAsLong()))
            : Optional.empty(),
        rules(row),
        row.getLong("admin") == 1);
  }

  private static KeyRules rules(ResultSet row) throws SQLException {
    OptionalLong expires = optionalLong(row, "expires_at");
    String models = row.getString("models");
    return KeyRules.builder()
        .limitMicros(optionalLong(row, "limit_micros"))
        .limitReset(Optional.ofNullable(row.getString("limit_reset")).map(LimitReset::of))
        .expiresAt(
            expires.isPresent()
                ? Optional.of(Instant.ofEpochMilli(expires.getAsLong()))
                : Optional.empty())
        .models(
            models == null || models.isEmpty()
                ? List.of()
                : Arrays.asList(models.split(MODEL_SEPARATOR, -1)))
        .rpm(toInt(optionalLong(row, "rpm")))
        .tpm(optionalLong(row, "tpm"))
        .concurrency(toInt(optionalLong(row, "concurrency")))
        .sessionCapMicros(optionalLong(row, "session_cap_micros"))
        .dailyCapMicros(optionalLong(row, "daily_cap_micros"))
        .dataClass(Optional.ofNullable(row.getString("data_class")).map(DataClass::of))
        .defaultModel(Optional.ofNullable(row.getString("default_model")))
        .build();
  }

  private static OptionalLong optionalLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private static void setLong(PreparedStatement s, int index, OptionalLong value)
      throws SQLException {
    if (value.isPresent()) {
      s.setLong(index, value.getAsLong());
    } else {
      s.setNull(index, Types.BIGINT);
    }
  }

  private static OptionalLong toLong(OptionalInt value) {
    return value.isPresent() ? OptionalLong.of(value.getAsInt()) : OptionalLong.empty();
  }

  private static OptionalInt toInt(OptionalLong value) {
    return value.isPresent()
        ? OptionalInt.of(Math.toIntExact(value.getAsLong()))
        : OptionalInt.empty();
  }
}
