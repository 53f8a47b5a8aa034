package dev.switchboard.bench;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.config.Config.Storage.Durability;
import dev.switchboard.insight.energy.EnergyModel;
import dev.switchboard.insight.rollup.Rollup;
import dev.switchboard.insight.rollup.RowNames;
import dev.switchboard.insight.sql.RollupHook;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import dev.switchboard.wire.Json;
import java.time.Duration;

/**
 * Opens the writer {@link LedgerBench} measures. "default" uses only the API every build has, so
 * the bench also runs against the build before durability was configurable (put first on the class
 * path); the other modes are kept here so that build never loads them. With {@code
 * LEDGER_HOOK=rollups} in the environment every writer runs the insight rollups as the gateway's
 * does (builds since the rollups only).
 */
final class LedgerWriters {
  private static final Catalog CATALOG = Catalog.load(Catalog.shippedTree(), Json.object());

  private LedgerWriters() {}

  private static boolean rollups() {
    return "rollups".equals(System.getenv("LEDGER_HOOK"));
  }

  static LedgerWriter open(SqliteDatabase db, String durability) {
    if (durability.startsWith("process@")) { // process@<sync window in ms>
      Duration window =
          Duration.ofMillis(Long.parseLong(durability.substring("process@".length())));
      return configured(db, Durability.PROCESS, window);
    }
    if (rollups()) {
      Durability chosen = durability.equals("machine") ? Durability.MACHINE : Durability.PROCESS;
      return SqliteLedgerWriter.open(
          db,
          new Config.Storage(db.file(), chosen, Config.Storage.DEFAULT_SYNC_WINDOW),
          new RollupHook(new Rollup(new RowNames(CATALOG), new EnergyModel(CATALOG))));
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
