package dev.switchboard.ratelimit;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyRules;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/** Keys with just the rate limits a test wants. */
final class Keys {
  private Keys() {}

  static ApiKey withLimits(OptionalInt rpm, OptionalLong tpm, OptionalInt concurrency) {
    return withLimits("key_" + UUID.randomUUID(), rpm, tpm, concurrency);
  }

  static ApiKey withLimits(String id, OptionalInt rpm, OptionalLong tpm, OptionalInt concurrency) {
    KeyRules rules = KeyRules.builder().rpm(rpm).tpm(tpm).concurrency(concurrency).build();
    return new ApiKey(id, "test", "sk-sb-…", 0, Instant.EPOCH, Optional.empty(), rules, false);
  }

  static ApiKey rpm(int rpm) {
    return withLimits(OptionalInt.of(rpm), OptionalLong.empty(), OptionalInt.empty());
  }

  static ApiKey tpm(long tpm) {
    return withLimits(OptionalInt.empty(), OptionalLong.of(tpm), OptionalInt.empty());
  }

  static ApiKey concurrency(int concurrency) {
    return withLimits(OptionalInt.empty(), OptionalLong.empty(), OptionalInt.of(concurrency));
  }
}
