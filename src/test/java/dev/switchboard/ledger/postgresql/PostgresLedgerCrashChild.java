package dev.switchboard.ledger.postgresql;

import static dev.switchboard.ledger.UsageRecords.attempt;
import static dev.switchboard.ledger.UsageRecords.row;

import dev.switchboard.config.Config;
import dev.switchboard.ledger.SettleHook;
import dev.switchboard.storage.postgresql.PostgresDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Child JVM for {@link PostgresLedgerCrashTest}: appends rows, each with {@value #ATTEMPTS}
 * attempts and a reservation the hook settles into table {@code settled}, until killed, writing
 * each id to the ack file once its future completed. Arguments: PostgreSQL URL, ack file.
 */
public final class PostgresLedgerCrashChild {
  static final int ATTEMPTS = 2;
  private static final int IN_FLIGHT = 256;
  private static final int MAX_ROWS = 2_000_000; // a bound in case the parent never kills us
  private static final SettleHook SETTLE =
      (c, row) -> {
        try (PreparedStatement insert =
            c.prepareStatement("INSERT INTO settled (reservation_id, cost) VALUES (?, ?)")) {
          insert.setString(1, row.reservationId().orElseThrow());
          insert.setLong(2, row.costMicros());
          insert.executeUpdate();
        }
      };

  private PostgresLedgerCrashChild() {}

  public static void main(String[] args) throws Exception {
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    try (PostgresDatabase db = PostgresDatabase.open(args[0]);
        PostgresLedgerWriter writer =
            PostgresLedgerWriter.open(db, new Config.Storage(Path.of("unused.db")), SETTLE);
        Writer acks = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
      for (int i = 0; i < MAX_ROWS; i++) {
        String id = "crash-" + i;
        inFlight.acquire();
        writer
            .append(
                row(id, "key_crash", 1).withReservationId(Optional.of("res-" + id)),
                List.of(attempt(id, 1, "down", 0), attempt(id, 2, "up", 200)))
            .whenComplete(
                (ok, failure) -> {
                  inFlight.release();
                  if (failure == null) {
                    ack(acks, id);
                  }
                });
      }
    }
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
