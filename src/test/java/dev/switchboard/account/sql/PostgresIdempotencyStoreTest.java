package dev.switchboard.account.sql;

import dev.switchboard.storage.Database;
import dev.switchboard.storage.postgresql.PostgresDatabase;
import dev.switchboard.storage.postgresql.TestPostgres;
import org.junit.jupiter.api.AfterEach;

class PostgresIdempotencyStoreTest extends SqlIdempotencyStoreTest {
  private TestPostgres schema;

  @Override
  Database openDatabase() {
    if (schema == null) {
      schema = TestPostgres.schema();
    }
    return PostgresDatabase.open(schema.url());
  }

  // A claim in flight on a shared database may be another node's live request.
  @Override
  boolean freesClaimsInFlightOnOpen() {
    return false;
  }

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      schema.close();
    }
  }
}
