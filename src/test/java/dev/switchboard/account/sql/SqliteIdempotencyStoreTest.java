package dev.switchboard.account.sql;

import dev.switchboard.storage.Database;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteIdempotencyStoreTest extends SqlIdempotencyStoreTest {
  @TempDir Path dir;

  @Override
  Database openDatabase() {
    return SqliteDatabase.open(dir.resolve("idem.db"));
  }

  @Override
  boolean freesClaimsInFlightOnOpen() {
    return true;
  }
}
