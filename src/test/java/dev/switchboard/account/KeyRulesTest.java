package dev.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class KeyRulesTest {
  @Test
  void noneHasNoLimitOfAnyKind() {
    assertThat(KeyRules.NONE.hasMoneyLimit()).isFalse();
    assertThat(KeyRules.NONE.models()).isEmpty();
    assertThat(KeyRules.NONE.rpm()).isEmpty();
  }

  @Test
  void eachMoneyLimitCounts() {
    assertThat(KeyRules.builder().limitMicros(OptionalLong.of(0)).build().hasMoneyLimit()).isTrue();
    assertThat(KeyRules.builder().sessionCapMicros(OptionalLong.of(1)).build().hasMoneyLimit())
        .isTrue();
    assertThat(KeyRules.builder().dailyCapMicros(OptionalLong.of(1)).build().hasMoneyLimit())
        .isTrue();
    assertThat(KeyRules.builder().rpm(OptionalInt.of(5)).build().hasMoneyLimit()).isFalse();
  }

  @Test
  void refusesNegativeAmounts_zeroCounts_andAResetWithoutALimit() {
    assertThatThrownBy(() -> KeyRules.builder().limitMicros(OptionalLong.of(-1)).build())
        .hasMessageContaining("credit limit");
    assertThatThrownBy(() -> KeyRules.builder().dailyCapMicros(OptionalLong.of(-1)).build())
        .hasMessageContaining("daily cap");
    assertThatThrownBy(() -> KeyRules.builder().rpm(OptionalInt.of(0)).build())
        .hasMessageContaining("requests per minute");
    assertThatThrownBy(() -> KeyRules.builder().concurrency(OptionalInt.of(-2)).build())
        .hasMessageContaining("concurrency");
    assertThatThrownBy(() -> KeyRules.builder().limitReset(Optional.of(LimitReset.DAILY)).build())
        .hasMessageContaining("needs a credit limit");
    assertThatThrownBy(() -> KeyRules.builder().models(List.of("a,b")).build())
        .hasMessageContaining("commas");
    assertThatThrownBy(() -> KeyRules.builder().models(List.of(" a")).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toBuilderChangesOnlyWhatIsSet() {
    KeyRules rules =
        KeyRules.builder()
            .limitMicros(OptionalLong.of(5))
            .expiresAt(Optional.of(Instant.EPOCH))
            .models(List.of("m"))
            .build();
    KeyRules changed = rules.toBuilder().rpm(OptionalInt.of(3)).build();
    assertThat(changed.limitMicros()).hasValue(5);
    assertThat(changed.expiresAt()).contains(Instant.EPOCH);
    assertThat(changed.models()).containsExactly("m");
    assertThat(changed.rpm()).hasValue(3);
    assertThat(rules.rpm()).isEmpty();
  }
}
