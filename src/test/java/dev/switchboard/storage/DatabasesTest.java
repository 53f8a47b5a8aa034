package dev.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.Config;
import dev.switchboard.storage.postgresql.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration names the engine; the stores never choose it. */
class DatabasesTest {
  @TempDir Path dir;

  @Test
  void opensSqlite_whenNoPostgresqlIsConfigured() {
    Config.Storage storage = new Config.Storage(dir.resolve("a.db"));
    try (Database db = Databases.open(storage)) {
      assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
      assertThat(Databases.ready(db)).isTrue();
    }
    assertThat(Files.exists(dir.resolve("a.db"))).isTrue();
    assertThat(Databases.describe(storage)).isEqualTo("SQLite " + dir.resolve("a.db"));
  }

  @Test
  void opensPostgresql_whenConfigured_andNeverTouchesTheSqliteFile() {
    try (TestPostgres schema = TestPostgres.schema()) {
      Config.Storage storage = new Config.Storage(dir.resolve("b.db")).withPostgresql(schema.url());
      try (Database db = Databases.open(storage)) {
        assertThat(db.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Databases.ready(db)).isTrue();
      }
      assertThat(Files.exists(dir.resolve("b.db"))).isFalse();
    }
  }

  @Test
  void describesPostgresql_withoutItsPassword() {
    Config.Storage storage =
        new Config.Storage(dir.resolve("c.db")).withPostgresql("postgresql://u:hunter2@h:5432/d");
    assertThat(Databases.describe(storage))
        .isEqualTo("PostgreSQL postgresql://u:***@h:5432/d")
        .doesNotContain("hunter2");
  }
}
