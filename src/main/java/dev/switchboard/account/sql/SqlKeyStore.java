package dev.switchboard.account.sql;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyFormat;
import dev.switchboard.account.KeyHasher;
import dev.switchboard.account.KeyRules;
import dev.switchboard.account.KeyStore;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Transactions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API keys in the {@code api_keys} table of a migrated {@link Database}, SQLite or PostgreSQL. The
 * installation salt lives in {@code meta} and is created by whichever process opens the database
 * first. Blocking and thread-safe; each call uses its own connection, so other processes (the CLI,
 * other nodes) may change keys at the same time.
 */
public final class SqlKeyStore implements KeyStore {
  static final String SALT_NAME = "key_hash_salt";
  private static final int SALT_BYTES = 32;
  // PostgreSQL's unique_violation: two creates raced for one active name.
  private static final String UNIQUE_VIOLATION = "23505";

  private final Database database;
  private final KeyHasher hasher;
  private final Clock clock;

  private SqlKeyStore(Database database, KeyHasher hasher, Clock clock) {
    this.database = database;
    this.hasher = hasher;
    this.clock = clock;
  }

  public static SqlKeyStore of(Database database) {
    return of(database, Clock.systemUTC());
  }

  /** With the clock that stamps creation, revocation and updates. */
  public static SqlKeyStore of(Database database, Clock clock) {
    return new SqlKeyStore(database, KeyHasher.of(salt(database)), clock);
  }

  /**
   * The hasher under this installation's salt, for {@link
   * dev.switchboard.account.KeyAuthenticator}.
   */
  public KeyHasher hasher() {
    return hasher;
  }

  @Override
  public IssuedKey create(String name, KeyRules rules, boolean admin) {
    KeyFormat.checkName(name);
    String secret = KeyFormat.newSecret();
    ApiKey key =
        new ApiKey(
            KeyFormat.newId(),
            name,
            KeyFormat.hintOf(secret),
            0,
            now(),
            Optional.empty(),
            rules,
            admin);
    try (Connection c = database.connection()) {
      Transactions.run(
          c,
          database.dialect(),
          tx -> {
            if (activeId(tx, name).isPresent()) {
              throw taken(name);
            }
            insert(tx, key, hasher.hash(secret));
            return null;
          });
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw taken(name);
      }
      throw new StorageException("cannot create key '" + name + "'", e);
    }
    return new IssuedKey(key, secret);
  }

  @Override
  public Optional<ApiKey> update(String idOrName, KeyRules rules) {
    long now = now().toEpochMilli();
    try (Connection c = database.connection()) {
      return Transactions.run(
          c,
          database.dialect(),
          tx -> {
            Optional<String> id = activeId(tx, idOrName);
            if (id.isEmpty()) {
              return Optional.<ApiKey>empty();
            }
            try (PreparedStatement update =
                tx.prepareStatement(
                    "UPDATE api_keys SET ("
                        + KeyRows.RULE_COLUMNS
                        + ", updated_at) = ("
                        + "?, ".repeat(KeyRows.RULE_COUNT)
                        + "?) WHERE id = ?")) {
              KeyRows.bindRules(update, 1, rules);
              update.setLong(KeyRows.RULE_COUNT + 1, now);
              update.setString(KeyRows.RULE_COUNT + 2, id.get());
              update.executeUpdate();
            }
            return findBy(tx, "id", id.get());
          });
    } catch (SQLException e) {
      throw new StorageException("cannot update key '" + idOrName + "'", e);
    }
  }

  @Override
  public List<ApiKey> list() {
    try (Connection c = database.connection();
        PreparedStatement query =
            c.prepareStatement(
                "SELECT " + KeyRows.COLUMNS + " FROM api_keys ORDER BY seq, created_at, id");
        ResultSet rows = query.executeQuery()) {
      List<ApiKey> keys = new ArrayList<>();
      while (rows.next()) {
        keys.add(KeyRows.read(rows));
      }
      return List.copyOf(keys);
    } catch (SQLException e) {
      throw new StorageException("cannot list keys", e);
    }
  }

  @Override
  public Optional<ApiKey> find(String idOrName) {
    try (Connection c = database.connection()) {
      Optional<ApiKey> byId = findBy(c, "id", idOrName);
      if (byId.isPresent()) {
        return byId;
      }
      Optional<String> active = activeId(c, idOrName);
      return active.isPresent() ? findBy(c, "id", active.get()) : Optional.empty();
    } catch (SQLException e) {
      throw new StorageException("cannot look up key '" + idOrName + "'", e);
    }
  }

  @Override
  public Optional<ApiKey> revoke(String idOrName) {
    long now = now().toEpochMilli();
    try (Connection c = database.connection()) {
      return Transactions.run(
          c,
          database.dialect(),
          tx -> {
            Optional<String> id = activeId(tx, idOrName);
            if (id.isEmpty()) {
              return Optional.<ApiKey>empty();
            }
            try (PreparedStatement update =
                tx.prepareStatement(
                    "UPDATE api_keys SET revoked_at = ?, updated_at = ? WHERE id = ?")) {
              update.setLong(1, now);
              update.setLong(2, now);
              update.setString(3, id.get());
              update.executeUpdate();
            }
            return findBy(tx, "id", id.get());
          });
    } catch (SQLException e) {
      throw new StorageException("cannot revoke key '" + idOrName + "'", e);
    }
  }

  @Override
  public Optional<ApiKey> findByHash(String keyHash) {
    try (Connection c = database.connection()) {
      return findBy(c, "key_hash", keyHash);
    } catch (SQLException e) {
      throw new StorageException("cannot look up a key", e); // the hash stays out of messages too
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static IllegalArgumentException taken(String name) {
    return new IllegalArgumentException("an active key is already named '" + name + "'");
  }

  // An id match wins over a name match; names cannot look like ids, so this only orders the query.
  private static Optional<String> activeId(Connection c, String idOrName) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT id FROM api_keys WHERE revoked_at IS NULL AND (id = ? OR name = ?)"
                + " ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END LIMIT 1")) {
      query.setString(1, idOrName);
      query.setString(2, idOrName);
      query.setString(3, idOrName);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  private static Optional<ApiKey> findBy(Connection c, String column, String value)
      throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT " + KeyRows.COLUMNS + " FROM api_keys WHERE " + column + " = ?")) {
      query.setString(1, value);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(KeyRows.read(rows)) : Optional.empty();
      }
    }
  }

  private static void insert(Connection c, ApiKey key, String keyHash) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO api_keys (id, name, key_hash, hint, spent_micros, created_at, admin, seq, "
                + KeyRows.RULE_COLUMNS
                + ") VALUES (?, ?, ?, ?, 0, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM api_keys), "
                + "?, ".repeat(KeyRows.RULE_COUNT - 1)
                + "?)")) {
      insert.setString(1, key.id());
      insert.setString(2, key.name());
      insert.setString(3, keyHash);
      insert.setString(4, key.hint());
      insert.setLong(5, key.createdAt().toEpochMilli());
      insert.setInt(6, key.admin() ? 1 : 0);
      KeyRows.bindRules(insert, 7, key.rules());
      insert.executeUpdate();
    }
  }

  // Read first, so opening an installed database takes no write lock. On a new database, insert
  // unless present, then read back: if two processes race, both use the winner's salt.
  private static byte[] salt(Database database) {
    try (Connection c = database.connection()) {
      Optional<String> salt = readSalt(c);
      if (salt.isEmpty()) {
        byte[] fresh = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(fresh);
        try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
          insert.setString(1, SALT_NAME);
          insert.setString(2, HexFormat.of().formatHex(fresh));
          insert.executeUpdate();
        }
        salt = readSalt(c);
      }
      return HexFormat.of().parseHex(salt.orElseThrow());
    } catch (SQLException e) {
      throw new StorageException("cannot read the installation salt", e);
    }
  }

  private static Optional<String> readSalt(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
      select.setString(1, SALT_NAME);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }
}
