package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.account.KeyRules;
import dev.switchboard.account.LimitReset;
import dev.switchboard.policy.DataClass;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyRulesJsonTest {
  private static final KeyRules BASE =
      KeyRules.builder()
          .limitMicros(OptionalLong.of(5_000_000))
          .limitReset(Optional.of(LimitReset.DAILY))
          .models(List.of("a/b"))
          .rpm(OptionalInt.of(10))
          .tpm(OptionalLong.of(1000))
          .dataClass(Optional.of(DataClass.INTERNAL))
          .build();

  @Test
  void aFieldLeftOutKeepsItsRule_andNullRemovesIt() throws Exception {
    KeyRules rules =
        KeyRulesJson.apply(BASE, Json.tree("{\"allowed_models\":null,\"data_class\":null}"));
    assertThat(rules)
        .isEqualTo(BASE.toBuilder().models(List.of()).dataClass(Optional.empty()).build());
    assertThat(KeyRulesJson.apply(BASE, Json.tree("{}"))).isEqualTo(BASE);
  }

  @Test
  void rateLimitsChangeOneByOne_andNullRemovesThemAll() throws Exception {
    KeyRules one = KeyRulesJson.apply(BASE, Json.tree("{\"rate_limits\":{\"concurrency\":3}}"));
    assertThat(one.rpm()).hasValue(10);
    assertThat(one.tpm()).hasValue(1000);
    assertThat(one.concurrency()).hasValue(3);
    KeyRules none = KeyRulesJson.apply(BASE, Json.tree("{\"rate_limits\":null}"));
    assertThat(none.rpm()).isEmpty();
    assertThat(none.tpm()).isEmpty();
    assertThat(none.concurrency()).isEmpty();
  }

  @Test
  void removingTheLimitRemovesItsReset_unlessTheBodySetsOne() throws Exception {
    assertThat(KeyRulesJson.apply(BASE, Json.tree("{\"limit\":null}")).limitReset()).isEmpty();
    assertThatThrownBy(
            () ->
                KeyRulesJson.apply(BASE, Json.tree("{\"limit\":null,\"limit_reset\":\"weekly\"}")))
        .isInstanceOf(GatewayError.class)
        .hasMessageContaining("needs a credit limit");
  }

  @Test
  void readsUsdExactly_andRefusesFractionsOfAMicroDollar() throws Exception {
    KeyRules rules =
        KeyRulesJson.apply(
            KeyRules.NONE,
            Json.tree("{\"limit\":0.000001,\"session_cap\":12345.678901,\"daily_cap\":0}"));
    assertThat(rules.limitMicros()).hasValue(1);
    assertThat(rules.sessionCapMicros()).hasValue(12_345_678_901L);
    assertThat(rules.dailyCapMicros()).hasValue(0);
    assertThatThrownBy(() -> KeyRulesJson.apply(KeyRules.NONE, Json.tree("{\"limit\":0.0000001}")))
        .isInstanceOf(GatewayError.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> KeyRulesJson.apply(KeyRules.NONE, Json.tree("{\"limit\":\"5\"}")))
        .hasMessageContaining("must be a number");
  }

  @Test
  void refusesUnknownFields_butKnowsTheOnesTheCallerAllows() throws Exception {
    KeyRulesJson.onlyKnownFields(Json.tree("{\"name\":\"x\",\"limit\":1}"), Set.of("name"));
    assertThatThrownBy(
            () -> KeyRulesJson.onlyKnownFields(Json.tree("{\"disabled\":true}"), Set.of("name")))
        .isInstanceOf(GatewayError.class)
        .satisfies(e -> assertThat(((GatewayError) e).param()).contains("disabled"));
  }
}
