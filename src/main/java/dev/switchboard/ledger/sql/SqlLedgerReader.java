package dev.switchboard.ledger.sql;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.ledger.LedgerReader;
import dev.switchboard.ledger.ModelUsage;
import dev.switchboard.ledger.SpendGroup;
import dev.switchboard.ledger.SpendQuery;
import dev.switchboard.ledger.SpendRow;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the ledger of either engine through short-lived connections: on SQLite, WAL lets it read a
 * consistent snapshot while the gateway (this or another process) writes; on PostgreSQL each query
 * reads what was committed when it started. Blocking and thread-safe.
 */
public final class SqlLedgerReader implements LedgerReader {
  private static final String USAGE_BY_MODEL =
      "SELECT served_model, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(cost_micros)"
          + " FROM requests"
          + " WHERE at >= ? AND at < ? AND served_model IS NOT NULL"
          + " AND status BETWEEN 200 AND 299 AND error_code IS NULL"
          + " GROUP BY served_model"
          + " ORDER BY SUM(prompt_tokens) + SUM(completion_tokens) DESC, served_model";
  private static final String FIND = "SELECT " + UsageRows.COLUMNS + " FROM requests WHERE id = ?";
  private static final String RECENT =
      "SELECT " + UsageRows.COLUMNS + " FROM requests ORDER BY at DESC, seq DESC LIMIT ?";

  private static final String LOG = "SELECT " + UsageRows.COLUMNS + " FROM requests WHERE 1 = 1";

  private static final String SPENT =
      "SELECT COALESCE(SUM(cost_micros), 0) FROM requests WHERE key_id = ? AND at >= ?";

  private final Database database;

  private SqlLedgerReader(Database database) {
    this.database = database;
  }

  /** A reader of {@code database}'s ledger. */
  public static SqlLedgerReader of(Database database) {
    return new SqlLedgerReader(database);
  }

  @Override
  public long spentMicros(String keyId, Instant from, Optional<String> sessionId) {
    String sql = sessionId.isPresent() ? SPENT + " AND session_id = ?" : SPENT;
    try (Connection c = database.connection();
        PreparedStatement query = c.prepareStatement(sql)) {
      query.setString(1, keyId);
      query.setLong(2, from.toEpochMilli());
      if (sessionId.isPresent()) {
        query.setString(3, sessionId.get());
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        // PostgreSQL sums bigints as numeric: exact, and getLong fails rather than wrap past a
        // long.
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new StorageException("cannot read the spend of key " + keyId, e);
    }
  }

  @Override
  public List<ModelUsage> usageByModel(Instant from, Instant to) {
    try (Connection c = database.connection();
        PreparedStatement query = c.prepareStatement(USAGE_BY_MODEL)) {
      query.setLong(1, from.toEpochMilli());
      query.setLong(2, to.toEpochMilli());
      List<ModelUsage> usage = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          usage.add(
              new ModelUsage(
                  rows.getString(1),
                  rows.getLong(2),
                  rows.getLong(3),
                  rows.getLong(4),
                  rows.getLong(5)));
        }
      }
      return List.copyOf(usage);
    } catch (SQLException e) {
      throw new StorageException("cannot read usage by model", e);
    }
  }

  @Override
  public List<SpendRow> spend(SpendQuery spend) {
    List<Object> args = new ArrayList<>();
    String sql = spendSql(spend, args, database.dialect());
    try (Connection c = database.connection();
        PreparedStatement query = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        query.setObject(i + 1, args.get(i));
      }
      List<SpendRow> rows = new ArrayList<>();
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          rows.add(
              new SpendRow(
                  Optional.ofNullable(result.getString(1)),
                  result.getLong(2),
                  result.getLong(3),
                  result.getLong(4),
                  result.getLong(5)));
        }
      }
      return List.copyOf(rows);
    } catch (SQLException e) {
      throw new StorageException("cannot read spend by " + spend.groupBy().wireName(), e);
    }
  }

  // The grouping expressions are fixed strings chosen by the enum, never client text; values are
  // bound. SQLite's SUM over integers is exact and fails on overflow instead of rounding;
  // PostgreSQL's is a numeric, exact, and getLong fails on one past a long.
  private static String spendSql(SpendQuery spend, List<Object> args, Dialect dialect) {
    String group =
        switch (spend.groupBy()) {
          case KEY -> "key_id";
          case MODEL -> "COALESCE(served_model, requested_model)";
          case PROVIDER -> "provider";
          case DATA_CLASS -> "data_class";
          case APP -> "app";
          case DAY ->
              dialect == Dialect.SQLITE
                  ? "date(at / 1000, 'unixepoch')"
                  : "to_char(to_timestamp(at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
        };
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(group)
            .append(
                " AS spend_group, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens),"
                    + " SUM(cost_micros) FROM requests WHERE 1 = 1");
    spend.from().ifPresent(from -> where(sql, args, " AND at >= ?", from.toEpochMilli()));
    spend.to().ifPresent(to -> where(sql, args, " AND at < ?", to.toEpochMilli()));
    spend.keyId().ifPresent(key -> where(sql, args, " AND key_id = ?", key));
    sql.append(" GROUP BY spend_group ORDER BY ")
        .append(
            spend.groupBy() == SpendGroup.DAY
                ? "spend_group"
                : "SUM(cost_micros) DESC, spend_group");
    return sql.toString();
  }

  private static void where(StringBuilder sql, List<Object> args, String condition, Object value) {
    sql.append(condition);
    args.add(value);
  }

  @Override
  public Optional<UsageRecord> find(String id) {
    try (Connection c = database.connection();
        PreparedStatement query = c.prepareStatement(FIND)) {
      query.setString(1, id);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(UsageRows.read(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StorageException("cannot read ledger row " + id, e);
    }
  }

  @Override
  public List<Attempt> attempts(String id) {
    try (Connection c = database.connection();
        PreparedStatement query = c.prepareStatement(AttemptRows.OF_GENERATION)) {
      query.setString(1, id);
      List<Attempt> attempts = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          attempts.add(AttemptRows.read(rows));
        }
      }
      return List.copyOf(attempts);
    } catch (SQLException e) {
      throw new StorageException("cannot read the attempts of " + id, e);
    }
  }

  @Override
  public List<UsageRecord> recent(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit cannot be negative: " + limit);
    }
    try (Connection c = database.connection();
        PreparedStatement query = c.prepareStatement(RECENT)) {
      query.setInt(1, limit);
      return records(query);
    } catch (SQLException e) {
      throw new StorageException("cannot read recent ledger rows", e);
    }
  }

  @Override
  public List<UsageRecord> log(int limit, Optional<String> keyId, Optional<String> afterId) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit cannot be negative: " + limit);
    }
    StringBuilder sql = new StringBuilder(LOG);
    keyId.ifPresent(k -> sql.append(" AND key_id = ?"));
    afterId.ifPresent(a -> sql.append(" AND seq > (SELECT seq FROM requests WHERE id = ?)"));
    sql.append(" ORDER BY seq DESC LIMIT ?");
    try (Connection c = database.connection();
        PreparedStatement query = c.prepareStatement(sql.toString())) {
      int index = 1;
      if (keyId.isPresent()) {
        query.setString(index++, keyId.get());
      }
      if (afterId.isPresent()) {
        query.setString(index++, afterId.get());
      }
      query.setInt(index, limit);
      return records(query);
    } catch (SQLException e) {
      throw new StorageException("cannot read the request log", e);
    }
  }

  private static List<UsageRecord> records(PreparedStatement query) throws SQLException {
    List<UsageRecord> records = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        records.add(UsageRows.read(rows));
      }
    }
    return List.copyOf(records);
  }
}
