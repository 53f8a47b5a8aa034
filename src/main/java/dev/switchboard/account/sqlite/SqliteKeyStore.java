package dev.switchboard.account.sqlite;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyFormat;
import dev.switchboard.account.KeyHasher;
import dev.switchboard.account.KeyRules;
import dev.switchboard.account.KeyStore;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.ledger.sqlite.SqliteDatabase;
import dev.switchboard.policy.DataClass;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * API keys in the {@code api_keys} table. The installation salt lives in {@code meta} and is
 * created by whichever process opens the file first. Blocking and thread-safe; each call uses its
 * own connection, so another process (the CLI) may change keys at the same time.
 */
public final class SqliteKeyStore implements KeyStore {
  static final String SALT_NAME = "key_hash_salt";
  private static final int SALT_BYTES = 32;
  private static final String COLUMNS =
      "id, name, hint, limit_micros, spent_micros, created_at, revoked_at, data_class";

  private final SqliteDatabase database;
  private final KeyHasher hasher;
  private final Clock clock;

  private SqliteKeyStore(SqliteDatabase database, KeyHasher hasher, Clock clock) {
    this.database = database;
    this.hasher = hasher;
    this.clock = clock;
  }

  public static SqliteKeyStore of(SqliteDatabase database) {
    return new SqliteKeyStore(database, KeyHasher.of(salt(database)), Clock.systemUTC());
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
    return create(name, rules.limitMicros(), rules.dataClass());
  }

  @Override
  public Optional<ApiKey> update(String idOrName, KeyRules rules) {
    throw new UnsupportedOperationException("replaced by SqlKeyStore");
  }

  @Override
  public Optional<ApiKey> find(String idOrName) {
    throw new UnsupportedOperationException("replaced by SqlKeyStore");
  }

  @Override
  public IssuedKey create(String name, OptionalLong limitMicros, Optional<DataClass> dataClass) {
    KeyFormat.checkName(name);
    if (limitMicros.isPresent() && limitMicros.getAsLong() < 0) {
      throw new IllegalArgumentException("a spend limit cannot be negative");
    }
    String secret = KeyFormat.newSecret();
    ApiKey key =
        new ApiKey(
            KeyFormat.newId(),
            name,
            KeyFormat.hintOf(secret),
            limitMicros,
            0,
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            Optional.empty(),
            dataClass);
    try (Connection c = database.connection()) {
      // Checked and inserted in one write transaction, so two processes cannot both take the name.
      SqliteDatabase.immediate(
          c,
          tx -> {
            if (activeId(tx, name, name).isPresent()) {
              throw new IllegalArgumentException("an active key is already named '" + name + "'");
            }
            insert(tx, key, hasher.hash(secret));
            return null;
          });
    } catch (SQLException e) {
      throw new StorageException("cannot create key '" + name + "'", e);
    }
    return new IssuedKey(key, secret);
  }

  @Override
  public List<ApiKey> list() {
    // rowid breaks ties within one millisecond in creation order; ids are random.
    try (Connection c = database.connection();
        PreparedStatement query =
            c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, rowid");
        ResultSet rows = query.executeQuery()) {
      List<ApiKey> keys = new ArrayList<>();
      while (rows.next()) {
        keys.add(read(rows));
      }
      return List.copyOf(keys);
    } catch (SQLException e) {
      throw new StorageException("cannot list keys", e);
    }
  }

  @Override
  public Optional<ApiKey> revoke(String idOrName) {
    long now = clock.instant().toEpochMilli();
    try (Connection c = database.connection()) {
      return SqliteDatabase.immediate(
          c,
          tx -> {
            Optional<String> id = activeId(tx, idOrName, idOrName);
            if (id.isEmpty()) {
              return Optional.<ApiKey>empty();
            }
            try (PreparedStatement update =
                tx.prepareStatement("UPDATE api_keys SET revoked_at = ? WHERE id = ?")) {
              update.setLong(1, now);
              update.setString(2, id.get());
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

  // An id match wins over a name match; names cannot look like ids, so this only orders the query.
  private static Optional<String> activeId(Connection c, String id, String name)
      throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT id FROM api_keys WHERE revoked_at IS NULL AND (id = ? OR name = ?)"
                + " ORDER BY id = ? DESC LIMIT 1")) {
      query.setString(1, id);
      query.setString(2, name);
      query.setString(3, id);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  private static Optional<ApiKey> findBy(Connection c, String column, String value)
      throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE " + column + " = ?")) {
      query.setString(1, value);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  private static void insert(Connection c, ApiKey key, String keyHash) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO api_keys (id, name, key_hash, hint, limit_micros, spent_micros,"
                + " created_at, data_class) VALUES (?, ?, ?, ?, ?, 0, ?, ?)")) {
      insert.setString(1, key.id());
      insert.setString(2, key.name());
      insert.setString(3, keyHash);
      insert.setString(4, key.hint());
      if (key.limitMicros().isPresent()) {
        insert.setLong(5, key.limitMicros().getAsLong());
      } else {
        insert.setNull(5, Types.INTEGER);
      }
      insert.setLong(6, key.createdAt().toEpochMilli());
      insert.setString(7, key.dataClass().map(DataClass::wireName).orElse(null));
      insert.executeUpdate();
    }
  }

  private static ApiKey read(ResultSet row) throws SQLException {
    long limit = row.getLong("limit_micros");
    OptionalLong limitMicros = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(limit);
    long revoked = row.getLong("revoked_at");
    Optional<Instant> revokedAt =
        row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked));
    return new ApiKey(
        row.getString("id"),
        row.getString("name"),
        row.getString("hint"),
        limitMicros,
        row.getLong("spent_micros"),
        Instant.ofEpochMilli(row.getLong("created_at")),
        revokedAt,
        Optional.ofNullable(row.getString("data_class")).map(DataClass::of));
  }

  // Read first, so opening an installed database takes no write lock. On a new file, INSERT OR
  // IGNORE then read back: if two processes race, both use the winner's salt.
  private static byte[] salt(SqliteDatabase database) {
    try (Connection c = database.connection()) {
      Optional<String> salt = readSalt(c);
      if (salt.isEmpty()) {
        byte[] fresh = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(fresh);
        try (PreparedStatement insert =
            c.prepareStatement("INSERT OR IGNORE INTO meta (name, value) VALUES (?, ?)")) {
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
