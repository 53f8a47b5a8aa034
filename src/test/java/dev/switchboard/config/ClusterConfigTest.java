package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cluster mode's sections: storage.postgresql and redis.url. */
class ClusterConfigTest {
  @Test
  void readsPostgresqlAndRedis_withEnvInterpolation() {
    Config c =
        Config.parse(
            """
            storage:
              postgresql: "postgresql://switchboard:${PGPASSWORD}@db.internal:5433/gateway"
            redis:
              url: redis://cache.internal:6380
            """,
            Map.of("PGPASSWORD", "s3cret"));

    assertThat(c.storage().postgresqlUrl())
        .contains("postgresql://switchboard:s3cret@db.internal:5433/gateway");
    assertThat(c.redis()).contains(new Redis("redis://cache.internal:6380"));
    assertThat(c.storage().toString()).doesNotContain("s3cret").contains("switchboard:***@");
  }

  @Test
  void isSingleNode_byDefault() {
    Config c = Config.parse("storage: {sqlite_path: /tmp/a.db}", Map.of());

    assertThat(c.storage().postgresqlUrl()).isEmpty();
    assertThat(c.redis()).isEmpty();
    assertThat(Config.defaults().redis()).isEqualTo(Optional.empty());
  }

  @Test
  void rejectsUrlsOfAnotherShape_namingTheField() {
    assertThatThrownBy(() -> Config.parse("storage: {postgresql: 'mysql://h/db'}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storage.postgresql")
        .hasMessageContaining("postgresql://USER@HOST:PORT/DATABASE");
    assertThatThrownBy(() -> Config.parse("storage: {postgresql: 'postgresql://h'}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storage.postgresql");
    assertThatThrownBy(() -> Config.parse("redis: {url: 'http://h:6379'}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("redis.url")
        .hasMessageContaining("redis://HOST:PORT");
    assertThatThrownBy(() -> Config.parse("redis: {host: h}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("redis");
  }

  @Test
  void keepsRedis_acrossCopies() {
    Config c = Config.parse("redis: {url: 'redis://127.0.0.1:6379'}", Map.of());

    assertThat(c.withServer(c.server()).withStorage(c.storage()).redis()).isEqualTo(c.redis());
    assertThat(c.withRedis(Optional.empty()).redis()).isEmpty();
  }
}
