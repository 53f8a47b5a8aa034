package dev.switchboard.ledger.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Applies the versioned scripts under {@code db/sqlite/} in order, recording each in {@code
 * schema_version}. Runs in one immediate transaction, so processes opening the file together apply
 * each version exactly once.
 */
final class Migrations {
  // Listed rather than scanned: classpath directories cannot be listed portably inside a jar.
  // Adding a migration = adding its file and one line here; versions are the list positions + 1.
  static final List<String> SCRIPTS =
      List.of(
          "V1__init.sql",
          "V2__idempotency.sql",
          "V3__provider_model.sql",
          "V4__cache_writes.sql",
          "V5__attempts.sql",
          "V6__data_handling.sql",
          "V7__key_rules.sql");

  private static final Pattern STATEMENT_END = Pattern.compile(";\\s*(?:\\R|$)");

  private Migrations() {}

  static void apply(Connection connection) throws SQLException {
    // Up to date is the common case: checking it with a plain read lets a process open the file
    // (the report CLI) without waiting for the write lock held by a running gateway.
    if (upToDate(connection)) {
      return;
    }
    SqliteDatabase.immediate(
        connection,
        c -> {
          try (Statement statement = c.createStatement()) {
            statement.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, script"
                    + " TEXT NOT NULL, applied_at INTEGER NOT NULL)");
          }
          int current = currentVersion(c);
          if (current > SCRIPTS.size()) {
            throw new IllegalStateException(
                "the database has schema version "
                    + current
                    + ", newer than this Switchboard ("
                    + SCRIPTS.size()
                    + "); use a newer Switchboard");
          }
          for (int version = current + 1; version <= SCRIPTS.size(); version++) {
            run(c, version, SCRIPTS.get(version - 1));
          }
          return null;
        });
  }

  private static boolean upToDate(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
      if (!rows.next()) {
        return false;
      }
    }
    return currentVersion(connection) == SCRIPTS.size();
  }

  static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void run(Connection connection, int version, String script) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // The driver executes one statement per call, so the script is split at line-ending
      // semicolons.
      for (String sql : STATEMENT_END.split(withoutComments(read(script)))) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
      insert.setInt(1, version);
      insert.setString(2, script);
      insert.setLong(3, System.currentTimeMillis());
      insert.executeUpdate();
    }
  }

  private static String withoutComments(String sql) {
    return sql.replaceAll("(?m)^\\s*--.*$", "");
  }

  private static String read(String script) {
    String path = "db/sqlite/" + script;
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("migration missing from the classpath: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
