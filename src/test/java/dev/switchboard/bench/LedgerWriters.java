package dev.switchboard.bench;

import dev.switchboard.config.Config;
import dev.switchboard.config.Config.Storage.Durability;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.time.Duration;

/**
 * Opens the writer {@link LedgerBench} measures. "default" uses only the API every build has, so
 * the bench also runs against the build before durability was configurable (put first on the class
 * path); the other modes are kept here so that build never loads them.
 */
final class LedgerWriters {
  private LedgerWriters() {}

  static LedgerWriter open(SqliteDatabase db, String durability) {
    if (durability.startsWith("process@")) { // process@<sync window in ms>
      Duration window =
          Duration.ofMillis(Long.parseLong(durability.substring("process@".length())));
      return configured(db, Durability.PROCESS, window);
    }
    return switch (durability) {
      case "default" -> SqliteLedgerWriter.open(db);
      case "process" -> configured(db, Durability.PROCESS, Config.Storage.DEFAULT_SYNC_WINDOW);
      case "machine" -> configured(db, Durability.MACHINE, Config.Storage.DEFAULT_SYNC_WINDOW);
      default -> throw new IllegalArgumentException("unknown durability " + durability);
    };
  }

  private static LedgerWriter configured(
      SqliteDatabase db, Durability durability, Duration window) {
    return SqliteLedgerWriter.open(db, new Config.Storage(db.file(), durability, window));
  }
}
