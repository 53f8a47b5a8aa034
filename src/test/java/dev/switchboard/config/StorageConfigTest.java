package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.Config.Storage.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageConfigTest {
  @Test
  void defaultsToProcessDurability_withA50msSyncWindow() {
    Config.Storage storage = Config.parse("storage: {sqlite_path: /tmp/a.db}", Map.of()).storage();

    assertThat(storage.durability()).isEqualTo(Durability.PROCESS);
    assertThat(storage.syncWindow()).isEqualTo(Duration.ofMillis(50));
    assertThat(storage).isEqualTo(new Config.Storage(Path.of("/tmp/a.db")));
    assertThat(Config.defaults().storage().durability()).isEqualTo(Durability.PROCESS);
  }

  @Test
  void readsDurabilityAndSyncWindow_keepingTheDefaultPath() {
    Config.Storage storage =
        Config.parse("storage: {durability: machine, sync_window: 200ms}", Map.of()).storage();

    assertThat(storage)
        .isEqualTo(
            new Config.Storage(
                Path.of("./switchboard.db"), Durability.MACHINE, Duration.ofMillis(200)));
  }

  @Test
  void rejectsAnUnknownDurability_namingTheFieldAndTheChoices() {
    assertThatThrownBy(() -> Config.parse("storage: {durability: disk}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storage.durability")
        .hasMessageContaining("process")
        .hasMessageContaining("machine")
        .hasMessageContaining("'disk'");
  }

  @Test
  void rejectsASyncWindowThatIsNotAPositiveDuration_orLongerThanAMinute() {
    assertThatThrownBy(() -> Config.parse("storage: {sync_window: 50}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storage.sync_window")
        .hasMessageContaining("positive duration");
    assertThatThrownBy(() -> Config.parse("storage: {sync_window: 0ms}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storage.sync_window");
    assertThatThrownBy(() -> Config.parse("storage: {sync_window: 2m}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storage.sync_window")
        .hasMessageContaining("at most 1m");
  }
}
