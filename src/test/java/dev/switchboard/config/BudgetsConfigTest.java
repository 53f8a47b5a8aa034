package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetsConfigTest {
  @Test
  void defaultsToUtcAndSixtySecondReservations() {
    assertThat(Config.parse("server: {port: 9000}", Map.of()).budgets())
        .isEqualTo(new Config.Budgets(ZoneOffset.UTC, Duration.ofSeconds(60)))
        .isEqualTo(Config.defaults().budgets());
  }

  @Test
  void readsTheTimeZoneAndTheReservationTtl() {
    Config config =
        Config.parse("budgets: {time_zone: Europe/Berlin, reservation_ttl: 15s}", Map.of());

    assertThat(config.budgets())
        .isEqualTo(new Config.Budgets(ZoneId.of("Europe/Berlin"), Duration.ofSeconds(15)));
    assertThat(config.withPolicy(config.policy()).budgets()).isEqualTo(config.budgets());
  }

  @Test
  void rejectsAnUnknownZoneAndAnUnsafeTtl_namingTheField() {
    assertThatThrownBy(() -> Config.parse("budgets: {time_zone: Mars/Olympus}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("budgets.time_zone");
    assertThatThrownBy(() -> Config.parse("budgets: {reservation_ttl: 1s}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("budgets.reservation_ttl");
    assertThatThrownBy(() -> Config.parse("budgets: {ttl: 1m}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ttl");
  }
}
