package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggingConfigTest {
  @Test
  void logsTextByDefault_andJsonOnRequest() {
    assertThat(Config.parse("server: {port: 8080}", Map.of()).logging().format())
        .isEqualTo(Logging.Format.TEXT);
    assertThat(Config.parse("logging: {format: json}", Map.of()).logging().format())
        .isEqualTo(Logging.Format.JSON);
  }

  @Test
  void rejectsAnUnknownFormat_namingTheField() {
    assertThatThrownBy(() -> Config.parse("logging: {format: xml}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("logging.format")
        .hasMessageContaining("text or json");
  }
}
