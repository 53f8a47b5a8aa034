package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.account.LimitReset;
import dev.switchboard.money.Money;
import dev.switchboard.policy.DataClass;
import dev.switchboard.wire.Json;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A key as the key endpoints show it, in OpenRouter's shape ({@code label}, {@code limit}, {@code
 * limit_remaining}, {@code usage_daily}, ... in USD; {@code hash} is the key's id, which the admin
 * API's paths take) plus Switchboard's rules. Never the secret nor its hash.
 */
final class KeyJson {
  private KeyJson() {}

  static ObjectNode of(ApiKey key, KeyUsage usage, Instant now) {
    KeyRules rules = key.rules();
    ObjectNode data =
        Json.object()
            .put("id", key.id())
            .put("hash", key.id())
            .put("name", key.name())
            .put("label", key.hint())
            .put("disabled", !key.active())
            .put("expired", key.expired(now))
            .put("is_management_key", key.admin())
            .put("is_provisioning_key", key.admin())
            .put("is_free_tier", false)
            .put("include_byok_in_limit", false);
    usd(data, "limit", rules.limitMicros());
    usd(data, "limit_remaining", usage.limitRemainingMicros(key));
    text(data, "limit_reset", rules.limitReset().map(LimitReset::wireName));
    text(data, "limit_resets_at", usage.limitResetsAt().map(Instant::toString));
    data.put("usage", usd(usage.totalMicros()))
        .put("usage_daily", usd(usage.dailyMicros()))
        .put("usage_weekly", usd(usage.weeklyMicros()))
        .put("usage_monthly", usd(usage.monthlyMicros()))
        .put("usage_reserved", usd(usage.reservedMicros()));
    for (String byok :
        new String[] {
          "byok_usage", "byok_usage_daily", "byok_usage_weekly", "byok_usage_monthly"
        }) {
      data.put(byok, 0);
    }
    text(data, "expires_at", rules.expiresAt().map(Instant::toString));
    data.put("created_at", key.createdAt().toString());
    key.revokedAt().ifPresent(at -> data.put("disabled_at", at.toString()));
    rules(data, rules);
    return data;
  }

  /** {@code {"data": ...}} around one key. */
  static byte[] wrapped(ObjectNode key) {
    ObjectNode root = Json.object();
    root.set("data", key);
    return Json.bytes(root);
  }

  private static void rules(ObjectNode data, KeyRules rules) {
    rules.models().forEach(data.putArray("allowed_models")::add);
    ObjectNode limits = data.putObject("rate_limits");
    count(limits, "requests_per_minute", rules.rpm());
    count(limits, "tokens_per_minute", rules.tpm());
    count(limits, "concurrency", rules.concurrency());
    usd(data, "session_cap", rules.sessionCapMicros());
    usd(data, "daily_cap", rules.dailyCapMicros());
    text(data, "data_class", rules.dataClass().map(DataClass::wireName));
    text(data, "default_model", rules.defaultModel());
  }

  static java.math.BigDecimal usd(long micros) {
    return Money.ofMicros(micros).toUsd();
  }

  private static void usd(ObjectNode data, String field, OptionalLong micros) {
    if (micros.isPresent()) {
      data.put(field, usd(micros.getAsLong()));
    } else {
      data.putNull(field);
    }
  }

  private static void count(ObjectNode data, String field, OptionalInt value) {
    count(
        data, field, value.isPresent() ? OptionalLong.of(value.getAsInt()) : OptionalLong.empty());
  }

  private static void count(ObjectNode data, String field, OptionalLong value) {
    if (value.isPresent()) {
      data.put(field, value.getAsLong());
    } else {
      data.putNull(field);
    }
  }

  private static void text(ObjectNode data, String field, Optional<String> value) {
    value.ifPresentOrElse(v -> data.put(field, v), () -> data.putNull(field));
  }
}
