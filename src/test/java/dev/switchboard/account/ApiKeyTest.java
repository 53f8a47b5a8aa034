package dev.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.policy.DataClass;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
  private static final Instant CREATED = Instant.parse("2026-12-01T00:00:00Z");

  private static ApiKey with(KeyRules rules) {
    return new ApiKey("key_x", "x", "sk-sb-v1-abcd…", 0, CREATED, Optional.empty(), rules, false);
  }

  @Test
  void expiresAtItsExpiry_notBefore() {
    Instant at = Instant.parse("2027-01-01T00:00:00Z");
    ApiKey key = with(KeyRules.builder().expiresAt(Optional.of(at)).build());
    assertThat(key.expired(at.minusMillis(1))).isFalse();
    assertThat(key.expired(at)).isTrue();
    assertThat(with(KeyRules.NONE).expired(Instant.MAX)).isFalse();
  }

  @Test
  void allowsListedModels_exactlyOrByPrefix_andAnyWhenNoneAreListed() {
    ApiKey key = with(KeyRules.builder().models(List.of("openai/gpt-5", "anthropic/*")).build());
    assertThat(key.allowsModel("openai/gpt-5")).isTrue();
    assertThat(key.allowsModel("openai/gpt-5-mini")).isFalse();
    assertThat(key.allowsModel("anthropic/claude-sonnet-4.5")).isTrue();
    assertThat(key.allowsModel("anthropic")).isFalse();
    assertThat(with(KeyRules.NONE).allowsModel("anything/at-all")).isTrue();
  }

  @Test
  void theOldAccessorsDelegateToTheRules() {
    ApiKey old =
        new ApiKey(
            "key_y",
            "y",
            "h",
            OptionalLong.of(10),
            10,
            CREATED,
            Optional.empty(),
            Optional.of(DataClass.INTERNAL));
    assertThat(old.rules().limitMicros()).hasValue(10);
    assertThat(old.dataClass()).contains(DataClass.INTERNAL);
    assertThat(old.admin()).isFalse();
    assertThat(old.overLimit()).isTrue();
  }

  @Test
  void aResettingLimitIsNeverOverOnLifetimeSpend() {
    ApiKey monthly =
        new ApiKey(
            "key_z",
            "z",
            "h",
            50,
            CREATED,
            Optional.empty(),
            KeyRules.builder()
                .limitMicros(OptionalLong.of(10))
                .limitReset(Optional.of(LimitReset.MONTHLY))
                .build(),
            false);
    assertThat(monthly.overLimit()).isFalse();
  }
}
