package dev.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.account.KeyRules;
import dev.switchboard.account.LimitReset;
import dev.switchboard.money.Money;
import dev.switchboard.policy.DataClass;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads key rules from an admin request body, in the shape {@link KeyJson} writes them: {@code
 * limit}, {@code session_cap} and {@code daily_cap} in USD, {@code limit_reset}, {@code expires_at}
 * (ISO 8601), {@code allowed_models}, {@code rate_limits: {requests_per_minute, tokens_per_minute,
 * concurrency}}, {@code data_class} and {@code default_model}. A field left out keeps its rule;
 * {@code null} removes it. Problems are 400s naming the field.
 */
final class KeyRulesJson {
  static final Set<String> FIELDS =
      Set.of(
          "limit",
          "limit_reset",
          "expires_at",
          "allowed_models",
          "rate_limits",
          "session_cap",
          "daily_cap",
          "data_class",
          "default_model",
          "include_byok_in_limit");
  private static final Set<String> RATE_FIELDS =
      Set.of("requests_per_minute", "tokens_per_minute", "concurrency");

  private KeyRulesJson() {}

  /** {@code base} with the body's rule fields applied. */
  static KeyRules apply(KeyRules base, JsonNode body) {
    KeyRules.Builder b = base.toBuilder();
    if (body.has("limit")) {
      b.limitMicros(usd(body, "limit"));
      if (body.get("limit").isNull() && !body.has("limit_reset")) {
        b.limitReset(Optional.empty()); // no limit left to reset
      }
    }
    if (body.has("limit_reset")) {
      b.limitReset(text(body, "limit_reset").map(name -> parse("limit_reset", name)));
    }
    if (body.has("expires_at")) {
      b.expiresAt(text(body, "expires_at").map(KeyRulesJson::instant));
    }
    if (body.has("allowed_models")) {
      b.models(models(body.get("allowed_models")));
    }
    if (body.has("rate_limits")) {
      rateLimits(b, body.get("rate_limits"));
    }
    if (body.has("session_cap")) {
      b.sessionCapMicros(usd(body, "session_cap"));
    }
    if (body.has("daily_cap")) {
      b.dailyCapMicros(usd(body, "daily_cap"));
    }
    if (body.has("data_class")) {
      b.dataClass(text(body, "data_class").map(KeyRulesJson::dataClass));
    }
    if (body.has("default_model")) {
      b.defaultModel(text(body, "default_model"));
    }
    JsonNode byok = body.path("include_byok_in_limit");
    if (!byok.isMissingNode() && !byok.isNull() && !(byok.isBoolean() && !byok.booleanValue())) {
      throw invalid("include_byok_in_limit", "Switchboard keeps no BYOK keys: only false is valid");
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw invalid("rules", String.valueOf(e.getMessage()));
    }
  }

  /** Refuses any top-level field that is neither a rule nor one of {@code others}. */
  static void onlyKnownFields(JsonNode body, Set<String> others) {
    for (String field : (Iterable<String>) body::fieldNames) {
      if (!FIELDS.contains(field) && !others.contains(field)) {
        throw invalid(field, "unknown field '" + clip(field) + "'");
      }
    }
  }

  private static void rateLimits(KeyRules.Builder b, JsonNode limits) {
    if (limits.isNull()) {
      b.rpm(OptionalInt.empty()).tpm(OptionalLong.empty()).concurrency(OptionalInt.empty());
      return;
    }
    if (!limits.isObject()) {
      throw invalid("rate_limits", "must be an object or null");
    }
    for (String field : (Iterable<String>) limits::fieldNames) {
      if (!RATE_FIELDS.contains(field)) {
        throw invalid("rate_limits." + clip(field), "unknown field '" + clip(field) + "'");
      }
    }
    if (limits.has("requests_per_minute")) {
      b.rpm(toInt(count(limits, "requests_per_minute")));
    }
    if (limits.has("tokens_per_minute")) {
      b.tpm(count(limits, "tokens_per_minute"));
    }
    if (limits.has("concurrency")) {
      b.concurrency(toInt(count(limits, "concurrency")));
    }
  }

  private static OptionalLong usd(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value.isNull()) {
      return OptionalLong.empty();
    }
    if (!value.isNumber()) {
      throw invalid(field, "must be a number of USD (up to 6 decimals) or null");
    }
    BigDecimal usd = value.decimalValue();
    try {
      long micros = Money.ofUsd(usd.toPlainString()).micros();
      if (micros < 0) {
        throw invalid(field, "cannot be negative");
      }
      return OptionalLong.of(micros);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw invalid(field, "must be a whole number of micro-dollars (6 decimals at most)");
    }
  }

  private static OptionalLong count(JsonNode limits, String field) {
    JsonNode value = limits.get(field);
    if (value.isNull()) {
      return OptionalLong.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
      throw invalid(
          "rate_limits." + field, "must be a whole number from 1 to " + Integer.MAX_VALUE);
    }
    return OptionalLong.of(value.intValue());
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw invalid(field, "must be a string or null");
    }
    return Optional.of(value.textValue());
  }

  private static List<String> models(JsonNode value) {
    if (value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw invalid("allowed_models", "must be an array of model names or null");
    }
    List<String> models = new ArrayList<>();
    for (JsonNode model : value) {
      if (!model.isTextual()) {
        throw invalid("allowed_models", "must hold model names (strings)");
      }
      models.add(model.textValue());
    }
    return models;
  }

  private static LimitReset parse(String field, String name) {
    try {
      return LimitReset.of(name);
    } catch (IllegalArgumentException e) {
      throw invalid(field, String.valueOf(e.getMessage()));
    }
  }

  private static DataClass dataClass(String name) {
    try {
      return DataClass.of(name);
    } catch (IllegalArgumentException e) {
      throw invalid("data_class", String.valueOf(e.getMessage()));
    }
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(
          "expires_at", "'" + clip(text) + "' is not an ISO 8601 instant (2027-01-01T00:00:00Z)");
    }
  }

  private static OptionalInt toInt(OptionalLong value) {
    return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
  }

  static GatewayError invalid(String param, String problem) {
    return GatewayError.builder(ErrorKind.INVALID_REQUEST, param + ": " + problem)
        .param(param)
        .build();
  }

  static String clip(String text) {
    return GenerationEndpoint.clip(text);
  }
}
