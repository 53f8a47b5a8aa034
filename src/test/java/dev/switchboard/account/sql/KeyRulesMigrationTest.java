package dev.switchboard.account.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.policy.DataClass;
import dev.switchboard.storage.sqlite.Downgrade;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V7 on a database written before it: old keys get no rules, no admin, and keep their order. */
public class KeyRulesMigrationTest {
  @TempDir Path dir;

  @Test
  void upgradesKeysMadeBeforeVersion7_withNoRules_inTheirOldOrder() throws SQLException {
    Path file = dir.resolve("v6.db");
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      undoVersion7(db);
      // Two keys in one millisecond: before V7 they listed by rowid; now by id within the ms.
      execute(db, key("key_B", "second-made", 1000, "5000000", "'internal'"));
      execute(db, key("key_A", "first-made", 1000, "NULL", "NULL"));
      execute(db, key("key_0", "oldest", 999, "NULL", "NULL"));
    }

    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      SqlKeyStore store = SqlKeyStore.of(db);
      ApiKey made = store.create("after", KeyRules.NONE, true).key();
      List<ApiKey> keys = store.list();

      assertThat(keys).extracting(ApiKey::id).containsExactly("key_0", "key_A", "key_B", made.id());
      ApiKey withLimit = keys.get(2);
      assertThat(withLimit.rules())
          .isEqualTo(
              KeyRules.builder()
                  .limitMicros(OptionalLong.of(5_000_000))
                  .dataClass(Optional.of(DataClass.INTERNAL))
                  .build());
      assertThat(keys.subList(0, 3)).allSatisfy(k -> assertThat(k.admin()).isFalse());
      assertThat(keys.get(0).rules()).isEqualTo(KeyRules.NONE);
      assertThat(keys.get(3).admin()).isTrue();
    }
  }

  /** Turns a fresh file back into what Switchboard wrote before V7. */
  public static void undoVersion7(SqliteDatabase db) throws SQLException {
    Downgrade.to(db, 6);
    try (Connection c = db.connection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM pragma_table_info('api_keys')")) {
      rows.next();
      assertThat(rows.getInt(1)).as("a version 6 api_keys table").isEqualTo(9);
    }
  }

  private static String key(String id, String name, long at, String limit, String dataClass) {
    return "INSERT INTO api_keys (id, name, key_hash, hint, limit_micros, spent_micros, created_at,"
        + " data_class) VALUES ('%s', '%s', 'hash-%s', 'sk-sb-v1-x…', %s, 0, %d, %s)"
            .formatted(id, name, id, limit, at, dataClass);
  }

  private static void execute(SqliteDatabase db, String sql) throws SQLException {
    try (Connection c = db.connection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
