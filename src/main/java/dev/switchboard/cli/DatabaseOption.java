package dev.switchboard.cli;

import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which SQLite file {@code keys} and {@code report} use: {@code --db}, else storage.sqlite_path of
 * the config, found as {@code serve} finds it. They say which file on stderr, and refuse a missing
 * one (only {@code keys create} may start a new file), so a typo never reads an empty ledger.
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

  /** Opens the file, which must exist. */
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

  /** Opens the file, creating it if needed (a first key comes before the first serve). */
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

  /** The commonest mix-up: keys made for the demo went to the real database, or the reverse. */
  private String demoHint() {
    Path demo = Path.of(DemoCommand.DEMO_DATABASE);
    boolean demoInUse = path().toAbsolutePath().normalize().equals(demo.toAbsolutePath());
    return database == null && !demoInUse && Files.exists(demo)
        ? "; the demo's database is " + demo + ": add --db " + demo
        : "";
  }
}
