package dev.switchboard.ledger.sqlite;

import static dev.switchboard.ledger.UsageRecords.attempt;
import static dev.switchboard.ledger.UsageRecords.row;

import dev.switchboard.config.Config;
import dev.switchboard.config.Config.Storage.Durability;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * Child JVM for {@link LedgerCrashTest}: appends rows, each with {@value #ATTEMPTS} attempts, until
 * killed, writing each id to the ack file once it is durable (as {@link LedgerWriter#write} says,
 * which with process durability is before its commit). Acks are flushed to the kernel, so a SIGKILL
 * cannot lose them. Arguments: database file, ack file, and optionally the durability (process or
 * machine; the default is the writer's default) or {@code hook}: the default durability with a
 * {@link CountingHook}.
 */
public final class LedgerCrashChild {
  static final int ATTEMPTS = 2;
  private static final int IN_FLIGHT = 256;
  private static final int MAX_ROWS = 2_000_000; // a bound in case the parent never kills us

  private LedgerCrashChild() {}

  public static void main(String[] args) throws Exception {
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    try (SqliteDatabase db = SqliteDatabase.open(Path.of(args[0]));
        SqliteLedgerWriter writer = open(db, args.length > 2 ? args[2] : "");
        Writer acks = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
      for (int i = 0; i < MAX_ROWS; i++) {
        String id = "crash-" + i;
        inFlight.acquire();
        LedgerWriter.Written written =
            writer.write(
                row(id, "key_crash", 1),
                List.of(attempt(id, 1, "down", 0), attempt(id, 2, "up", 200)));
        // Acknowledged as the gateway answers its client: once durable, maybe before the commit.
        written
            .durable()
            .whenComplete(
                (ok, failure) -> {
                  if (failure == null) {
                    ack(acks, id);
                  }
                });
        written.committed().whenComplete((ok, failure) -> inFlight.release());
      }
    }
  }

  private static SqliteLedgerWriter open(SqliteDatabase db, String durability) {
    if (durability.equals("hook")) {
      return SqliteLedgerWriter.open(db, new Config.Storage(db.file()), new CountingHook());
    }
    return durability.isEmpty()
        ? SqliteLedgerWriter.open(db)
        : SqliteLedgerWriter.open(
            db,
            new Config.Storage(
                db.file(),
                Durability.valueOf(durability.toUpperCase(Locale.ROOT)),
                Config.Storage.DEFAULT_SYNC_WINDOW));
  }

  private static void ack(Writer acks, String id) {
    synchronized (acks) {
      try {
        acks.write(id + "\n");
        acks.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
