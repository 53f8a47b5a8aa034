package dev.switchboard.storage.postgresql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Dialect;
import dev.switchboard.storage.Migrations;
import dev.switchboard.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PostgreSQL database shared by every node of a cluster, through a HikariCP pool of pgjdbc
 * connections, migrated to the current schema on open. Every call is bounded by {@code timeout} (1
 * s for the gateway): waiting for a pooled connection, opening one, a statement on the server
 * ({@code statement_timeout}) and a read from a socket whose peer went silent ({@code
 * socketTimeout}, whole seconds). So an unreachable or black-holed server fails a call with an
 * exception within about the timeout instead of hanging a request, and the pool reconnects by
 * itself once the server answers again.
 */
public final class PostgresDatabase implements Database {
  /** The gateway's bound on any one call to PostgreSQL. */
  public static final Duration FAST = Duration.ofSeconds(1);

  private static final int POOL_SIZE = 16;

  private final HikariDataSource pool;
  private final String name;

  private PostgresDatabase(HikariDataSource pool, String name) {
    this.pool = pool;
    this.name = name;
  }

  /** Opens the database at {@code url} with the {@link #FAST} timeout and migrates it. */
  public static PostgresDatabase open(String url) {
    return open(url, FAST);
  }

  /**
   * Opens a pool to {@code url} ({@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE}, query
   * parameters passed to the driver) bounding every call by {@code timeout}, and migrates it.
   * Throws {@link StorageException} when the server cannot be reached within the timeout.
   */
  public static PostgresDatabase open(String url, Duration timeout) {
    PostgresUrl parsed = PostgresUrl.parse(url);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config(parsed, timeout));
    } catch (RuntimeException e) {
      throw new StorageException("cannot connect to PostgreSQL at " + parsed, e);
    }
    PostgresDatabase database = new PostgresDatabase(pool, parsed.toString());
    try (Connection connection = database.connection()) {
      migrate(connection);
      return database;
    } catch (SQLTransientConnectionException e) {
      database.close();
      throw new StorageException(
          "cannot connect to PostgreSQL at " + parsed + " within " + timeout.toMillis() + " ms", e);
    } catch (SQLException | RuntimeException e) {
      database.close();
      throw new StorageException("cannot migrate the PostgreSQL database " + parsed, e);
    }
  }

  private static HikariConfig config(PostgresUrl url, Duration timeout) {
    long millis = Math.max(250, timeout.toMillis());
    HikariConfig config = new HikariConfig();
    config.setPoolName("switchboard-postgresql");
    config.setJdbcUrl(url.jdbcUrl());
    config.setUsername(url.user());
    url.password().ifPresent(config::setPassword);
    String seconds = String.valueOf(Math.max(1, (millis + 999) / 1000));
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("connectTimeout", seconds);
    properties.put("loginTimeout", seconds);
    properties.put("socketTimeout", seconds);
    properties.put("tcpKeepAlive", "true");
    // One round trip for a batch of inserts (the ledger writer's group commit).
    properties.put("reWriteBatchedInserts", "true");
    properties.put("options", "-c statement_timeout=" + millis);
    // What the URL says wins: an operator may know better for their network.
    properties.putAll(url.parameters());
    properties.forEach(config::addDataSourceProperty);
    config.setConnectionTimeout(millis);
    config.setValidationTimeout(Math.min(millis, 1_000));
    // The pool starts without a connection (Hikari's own start-up check sleeps a second between
    // attempts); open()'s first connection, for the migrations, then fails within the timeout.
    config.setInitializationFailTimeout(-1);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
    return config;
  }

  // Migrations may rewrite a big table: no statement or read timeout for them (Hikari restores the
  // connection's network timeout when it returns to the pool; SET LOCAL ends with the transaction).
  private static void migrate(Connection connection) throws SQLException {
    connection.setNetworkTimeout(Runnable::run, 0);
    Migrations.apply(connection, Dialect.POSTGRESQL);
  }

  /**
   * A pooled connection in auto-commit mode; closing it returns it to the pool. Throws within the
   * timeout when none can be had.
   */
  @Override
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  /** Closes the pool and its connections. Idempotent. */
  @Override
  public void close() {
    pool.close();
  }

  /** {@code USER@HOST:PORT/DATABASE}, never the password. */
  @Override
  public String toString() {
    return name;
  }
}
