package dev.switchboard.storage.postgresql;

import dev.switchboard.storage.Database;
import dev.switchboard.storage.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A schema of its own, randomly named, on the test PostgreSQL (127.0.0.1:5432, user postgres, trust
 * auth, database {@code test}; {@code SWITCHBOARD_TEST_POSTGRESQL} overrides it with a {@code
 * postgresql://USER@HOST:PORT/DB} URL), so tests running at the same time never see each other's
 * tables. Dropped with everything in it on close. When the server is not there the test fails,
 * saying how to start it: a cluster test that skips silently proves nothing.
 */
public final class TestPostgres implements AutoCloseable {
  /** Where the tests expect PostgreSQL. */
  public static final String BASE =
      Optional.ofNullable(System.getenv("SWITCHBOARD_TEST_POSTGRESQL"))
          .orElse("postgresql://postgres@127.0.0.1:5432/test");

  private final String schema;

  private TestPostgres(String schema) {
    this.schema = schema;
  }

  /** Creates a fresh empty schema. */
  public static TestPostgres schema() {
    String schema = "sb_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    admin("CREATE SCHEMA " + schema);
    return new TestPostgres(schema);
  }

  /** The schema's name. */
  public String name() {
    return schema;
  }

  /** A {@code postgresql://} URL whose connections work in this schema. */
  public String url() {
    return BASE + (BASE.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /**
   * The schema as the gateway opens it: migrated by the real migrations, through a pool with the
   * gateway's timeouts. Closing it also drops the schema.
   */
  public static Database migrated() {
    return migrated(5432);
  }

  /** As {@link #migrated()}, the pool connecting through {@code port} (a proxy's) instead. */
  public static Database migrated(int port) {
    TestPostgres schema = schema();
    PostgresDatabase database;
    try {
      database = PostgresDatabase.open(schema.url(port));
    } catch (RuntimeException e) {
      schema.close();
      throw e;
    }
    return new Database() {
      @Override
      public Connection connection() throws SQLException {
        return database.connection();
      }

      @Override
      public Dialect dialect() {
        return Dialect.POSTGRESQL;
      }

      @Override
      public void close() {
        database.close();
        schema.close();
      }

      @Override
      public String toString() {
        return "the test schema " + schema.name();
      }
    };
  }

  /** This schema's URL with the server reached at {@code port} on 127.0.0.1 (a proxy's). */
  public String url(int port) {
    return port == 5432 ? url() : url().replace("127.0.0.1:5432", "127.0.0.1:" + port);
  }

  /** A plain JDBC connection (no pool, no timeouts) into this schema, for looking at tables. */
  public Connection connect() throws SQLException {
    PostgresUrl base = PostgresUrl.parse(url());
    Connection c =
        DriverManager.getConnection(base.jdbcUrl(), base.user(), base.password().orElse(null));
    try (Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + schema);
    }
    return c;
  }

  @Override
  public void close() {
    admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  private static void admin(String sql) {
    PostgresUrl base = PostgresUrl.parse(BASE);
    try (Connection c =
            DriverManager.getConnection(
                base.jdbcUrl() + "?connectTimeout=2", base.user(), base.password().orElse(null));
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(
          "PostgreSQL is not reachable at "
              + base
              + " ("
              + e.getMessage()
              + "). The cluster tests need it: start it (Debian: apt-get install postgresql;"
              + " pg_ctlcluster 15 main start; createdb -U postgres test; trust auth for"
              + " 127.0.0.1), or run .ci/run, which does; or point SWITCHBOARD_TEST_POSTGRESQL at"
              + " one (postgresql://USER@HOST:PORT/DB).",
          e);
    }
  }
}
