package dev.switchboard.account.sql;

import dev.switchboard.account.IdempotencyStore;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Dialect;
import dev.switchboard.storage.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * {@link IdempotencyStore} in the {@code idempotency} table of the gateway's database, SQLite or
 * the PostgreSQL a cluster shares. Blocking and thread-safe; each call uses its own connection. The
 * claim is {@code INSERT ... ON CONFLICT DO NOTHING} on the primary key, so of several racing
 * requests on any nodes exactly one takes a key.
 */
public final class SqlIdempotencyStore implements IdempotencyStore {
  private static final String IN_FLIGHT = "in_flight";
  private static final int CLAIM_ROUNDS = 5;
  private static final String INSERT =
      "INSERT INTO idempotency (key_id, idempotency_key, body_hash, generation_id, state,"
          + " created_at) VALUES (?, ?, ?, ?, 'in_flight', ?)"
          + " ON CONFLICT (key_id, idempotency_key) DO NOTHING";
  private static final String STALE =
      " created_at <= ? OR (state = 'in_flight' AND created_at <= ?)";
  private static final String OWNED =
      " WHERE key_id = ? AND idempotency_key = ? AND generation_id = ? AND state = 'in_flight'";

  private final Database database;
  private final Clock clock;

  private SqlIdempotencyStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /**
   * Opens the store. On SQLite it forgets the claims a previous run left in flight: one gateway
   * owns an SQLite file, so a claim found at start belongs to a request that died with that run,
   * and its client must be able to retry at once rather than wait {@link #ABANDONED_AFTER}. On
   * PostgreSQL a claim in flight may be another node's live request: it stays until it answers or
   * is abandoned.
   */
  public static SqlIdempotencyStore open(Database database, Clock clock) {
    SqlIdempotencyStore store = new SqlIdempotencyStore(database, clock);
    if (database.dialect() == Dialect.SQLITE) {
      store.update("DELETE FROM idempotency WHERE state = 'in_flight'");
    }
    store.purgeExpired();
    return store;
  }

  @Override
  public Claim claim(String keyId, String idempotencyKey, String bodyHash, String generationId) {
    // On PostgreSQL the row that beat our insert may be released before we read it: claim again.
    for (int round = 1; ; round++) {
      Optional<Claim> claim = tryClaim(keyId, idempotencyKey, bodyHash, generationId);
      if (claim.isPresent()) {
        return claim.get();
      }
      if (round == CLAIM_ROUNDS) {
        throw new StorageException(
            "cannot claim an idempotency key", new SQLException("the claim kept changing hands"));
      }
    }
  }

  private Optional<Claim> tryClaim(
      String keyId, String idempotencyKey, String bodyHash, String generationId) {
    long now = clock.millis();
    try (Connection c = database.connection()) {
      return Transactions.run(
          c,
          database.dialect(),
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
              return insert.executeUpdate() == 1
                  ? Optional.of(new Claimed())
                  : held(tx, keyId, idempotencyKey);
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

  private static Optional<Claim> held(Connection c, String keyId, String idempotencyKey)
      throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT body_hash, generation_id, state, status, content_type, body FROM idempotency"
                + " WHERE key_id = ? AND idempotency_key = ?")) {
      bind(query, keyId, idempotencyKey);
      try (ResultSet row = query.executeQuery()) {
        // On SQLite the insert lost to this row inside the same write transaction, so it is there;
        // on PostgreSQL (read committed) its owner may have released it since.
        if (!row.next()) {
          return Optional.empty();
        }
        Optional<StoredResponse> answer =
            IN_FLIGHT.equals(row.getString("state"))
                ? Optional.empty()
                : Optional.of(
                    new StoredResponse(
                        row.getInt("status"),
                        row.getString("content_type"),
                        row.getString("generation_id"),
                        row.getBytes("body")));
        return Optional.of(new Held(row.getString("body_hash"), answer));
      }
    }
  }

  private static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
  }
}
