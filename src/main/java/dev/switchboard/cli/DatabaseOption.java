package dev.switchboard.cli;

import dev.switchboard.config.Config;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Databases;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which database {@code keys} and {@code report} use: {@code --db} (an SQLite file), else the
 * config's storage, found as {@code serve} finds it: its PostgreSQL when storage.postgresql is set
 * (cluster mode), else storage.sqlite_path. They say which on stderr, and refuse a missing SQLite
 * file (only {@code keys create} may start a new one), so a typo never reads an empty ledger.
 */
final class DatabaseOption {
  @Option(
      names = "--config",
      defaultValue = "switchboard.yaml",
      description = "Config file, as for serve (default: ${DEFAULT-VALUE}).")
  Path configFile;

  @Option(
      names = "--db",
      description =
          "SQLite file (default: storage.sqlite_path of the config; the demo's is "
              + DemoCommand.DEMO_DATABASE
              + ").")
  Path database;

  private Setup setup;

  Setup setup() {
    if (setup == null) {
      setup = Setup.load(configFile);
    }
    return setup;
  }

  /**
   * Opens the database: the PostgreSQL of the config (calls bounded by {@code timeout}), or the
   * SQLite file, which must exist unless {@code create}.
   */
  Database database(PrintWriter err, boolean create, Duration timeout) {
    Optional<String> postgresql =
        database == null ? setup().config().storage().postgresqlUrl() : Optional.empty();
    if (postgresql.isEmpty()) {
      return create ? openOrCreate(err) : openExisting(err);
    }
    Config.Storage storage = setup().config().storage();
    err.printf("using %s (%s)%n", Databases.describe(storage), source("storage.postgresql"));
    err.flush();
    return Databases.open(storage, timeout);
  }

  /** Opens the SQLite file, which must exist. */
  SqliteDatabase openExisting(PrintWriter err) {
    Path path = path();
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(
          "no database at "
              + path.toAbsolutePath().normalize()
              + " ("
              + source()
              + "); `switchboard serve` or `switchboard keys create` makes one, or pass --db FILE"
              + demoHint());
    }
    return open(path, "using", err);
  }

  /** Opens the SQLite file, creating it if needed (a first key comes before the first serve). */
  SqliteDatabase openOrCreate(PrintWriter err) {
    Path path = path();
    return open(path, Files.exists(path) ? "using" : "creating", err);
  }

  private SqliteDatabase open(Path path, String verb, PrintWriter err) {
    err.printf("%s %s (%s)%s%n", verb, path.toAbsolutePath().normalize(), source(), demoHint());
    err.flush();
    return SqliteDatabase.open(path);
  }

  private Path path() {
    return database != null ? database : setup().config().storage().sqlitePath();
  }

  private String source() {
    return database != null ? "--db" : setup().storageSource();
  }

  private String source(String field) {
    return setup().configFile().map(file -> field + " of " + file).orElse(field);
  }

  /** The commonest mix-up: keys made for the demo went to the real database, or the reverse. */
  private String demoHint() {
    Path demo = Path.of(DemoCommand.DEMO_DATABASE);
    boolean demoInUse = path().toAbsolutePath().normalize().equals(demo.toAbsolutePath());
    return database == null && !demoInUse && Files.exists(demo)
        ? "; the demo's database is " + demo + ": add --db " + demo
        : "";
  }
}
