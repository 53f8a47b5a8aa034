package dev.switchboard.account.sqlite;

import dev.switchboard.account.IdempotencyStore;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.ledger.sqlite.SqliteDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * {@link IdempotencyStore} in the {@code idempotency} table of the gateway's SQLite file. Blocking
 * and thread-safe; each call uses its own connection. The claim is {@code INSERT ... ON CONFLICT DO
 * NOTHING} on the primary key, which is what keeps it correct on a shared PostgreSQL too.
 */
public final class SqliteIdempotencyStore implements IdempotencyStore {
  private static final String IN_FLIGHT = "in_flight";
  private static final String INSERT =
      "INSERT INTO idempotency (key_id, idempotency_key, body_hash, generation_id, state,"
          + " created_at) VALUES (?, ?, ?, ?, 'in_flight', ?)"
          + " ON CONFLICT (key_id, idempotency_key) DO NOTHING";
  private static final String STALE =
      " created_at <= ? OR (state = 'in_flight' AND created_at <= ?)";
  private static final String OWNED =
      " WHERE key_id = ? AND idempotency_key = ? AND generation_id = ? AND state = 'in_flight'";

  private final SqliteDatabase database;
  private final Clock clock;

  private SqliteIdempotencyStore(SqliteDatabase database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /**
   * Opens the store and forgets the claims a previous run left in flight: one gateway owns an
   * SQLite file, so a claim found at start belongs to a request that died with that run, and its
   * client must be able to retry at once rather than wait {@link #ABANDONED_AFTER}.
   */
  public static SqliteIdempotencyStore open(SqliteDatabase database, Clock clock) {
    SqliteIdempotencyStore store = new SqliteIdempotencyStore(database, clock);
    store.update("DELETE FROM idempotency WHERE state = 'in_flight'");
    store.purgeExpired();
    return store;
  }

  @Override
  public Claim claim(String keyId, String idempotencyKey, String bodyHash, String generationId) {
    long now = clock.millis();
    try (Connection c = database.connection()) {
      return SqliteDatabase.immediate(
          c,
          tx -> {
            try (PreparedStatement stale =
                    tx.prepareStatement(
                        "DELETE FROM idempotency WHERE key_id = ? AND idempotency_key = ? AND ("
                            + STALE
                            + ")");
                PreparedStatement insert = tx.prepareStatement(INSERT)) {
              bind(stale, keyId, idempotencyKey, expiredAt(now), abandonedAt(now));
              stale.executeUpdate();
              bind(insert, keyId, idempotencyKey, bodyHash, generationId, now);
              return insert.executeUpdate() == 1 ? new Claimed() : held(tx, keyId, idempotencyKey);
            }
          });
    } catch (SQLException e) {
      throw new StorageException("cannot claim an idempotency key", e);
    }
  }

  @Override
  public void complete(
      String keyId, String idempotencyKey, String generationId, StoredResponse response) {
    try (Connection c = database.connection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE idempotency SET state = 'done', status = ?, content_type = ?, body = ?"
                    + OWNED)) {
      bind(
          update,
          response.status(),
          response.contentType(),
          response.body(),
          keyId,
          idempotencyKey,
          generationId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new StorageException("cannot store the answer of " + generationId, e);
    }
  }

  @Override
  public void release(String keyId, String idempotencyKey, String generationId) {
    try (Connection c = database.connection();
        PreparedStatement delete = c.prepareStatement("DELETE FROM idempotency" + OWNED)) {
      bind(delete, keyId, idempotencyKey, generationId);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new StorageException("cannot release the idempotency key of " + generationId, e);
    }
  }

  @Override
  public int purgeExpired() {
    long now = clock.millis();
    return update("DELETE FROM idempotency WHERE" + STALE, expiredAt(now), abandonedAt(now));
  }

  private static long expiredAt(long now) {
    return now - RETENTION.toMillis();
  }

  private static long abandonedAt(long now) {
    return now - ABANDONED_AFTER.toMillis();
  }

  private int update(String sql, Object... parameters) {
    try (Connection c = database.connection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new StorageException("cannot clean up idempotency keys", e);
    }
  }

  private static Held held(Connection c, String keyId, String idempotencyKey) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT body_hash, generation_id, state, status, content_type, body FROM idempotency"
                + " WHERE key_id = ? AND idempotency_key = ?")) {
      bind(query, keyId, idempotencyKey);
      try (ResultSet row = query.executeQuery()) {
        // The insert lost to this row inside the same write transaction, so it is there.
        row.next();
        Optional<StoredResponse> answer =
            IN_FLIGHT.equals(row.getString("state"))
                ? Optional.empty()
                : Optional.of(
                    new StoredResponse(
                        row.getInt("status"),
                        row.getString("content_type"),
                        row.getString("generation_id"),
                        row.getBytes("body")));
        return new Held(row.getString("body_hash"), answer);
      }
    }
  }

  private static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
  }
}
