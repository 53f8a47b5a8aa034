package dev.switchboard.budget.sql;

import dev.switchboard.storage.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A node's background work on reservation records, each on its own thread so a slow sweep never
 * delays a renewal: the heartbeat renews this node's live reservations every third of the TTL; the
 * sweeper releases any node's reservations past their expiry and forgets expired records a day old.
 */
final class Upkeep implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Upkeep.class.getName());
  private static final int RENEW_CHUNK = 1000;
  private static final int SWEEP_BATCH = 500;
  private static final long FORGET_AFTER_MILLIS = Duration.ofDays(1).toMillis();

  private final Database database;
  private final Duration ttl;
  private final Set<String> live;
  private final ScheduledExecutorService heartbeat = daemon("budget-heartbeat");
  private final ScheduledExecutorService sweeper = daemon("budget-sweeper");
  private volatile boolean failing;
  private volatile boolean closed;

  Upkeep(Database database, Duration ttl, Set<String> live) {
    this.database = database;
    this.ttl = ttl;
    this.live = live;
  }

  void start() {
    long renewEvery = Math.max(100, ttl.toMillis() / 3);
    long sweepEvery = Math.max(100, ttl.toMillis() / 4);
    heartbeat.scheduleWithFixedDelay(this::renew, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    sweeper.scheduleWithFixedDelay(
        this::sweepQuietly, sweepEvery, sweepEvery, TimeUnit.MILLISECONDS);
    sweeper.scheduleWithFixedDelay(this::forget, 1, 60, TimeUnit.MINUTES);
  }

  /** Pushes the expiry of every live reservation of this node one TTL ahead. */
  void renew() {
    if (live.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>(live);
    long expires = System.currentTimeMillis() + ttl.toMillis();
    try (Connection c = database.connection()) {
      for (int from = 0; from < ids.size(); from += RENEW_CHUNK) {
        ReservationRecords.renew(
            c, ids.subList(from, Math.min(ids.size(), from + RENEW_CHUNK)), expires);
      }
      recovered();
    } catch (SQLException | RuntimeException e) {
      failed("cannot renew this node's budget reservations", e);
    }
  }

  /** Releases every reservation past its expiry; how many it released. */
  int sweep() {
    int released = 0;
    try (Connection c = database.connection()) {
      long now = System.currentTimeMillis();
      for (ReservationRecords.Expired orphan : ReservationRecords.expired(c, now, SWEEP_BATCH)) {
        if (ReservationRecords.expire(c, orphan, now)) {
          released++;
        }
      }
    } catch (SQLException e) {
      failed("cannot sweep expired budget reservations", e);
    }
    if (released > 0) {
      int n = released;
      LOG.info(() -> "released " + n + " orphaned budget reservations");
    }
    return released;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      failed("cannot sweep expired budget reservations", e);
    }
  }

  private void forget() {
    try (Connection c = database.connection()) {
      ReservationRecords.forget(c, System.currentTimeMillis() - FORGET_AFTER_MILLIS);
    } catch (SQLException | RuntimeException e) {
      failed("cannot delete old expired budget reservations", e);
    }
  }

  // One line when the database goes away and one when it is back, not one per tick.
  private void failed(String what, Exception e) {
    if (!failing && !closed) {
      failing = true;
      LOG.log(Level.WARNING, what + " (retrying)", e);
    }
  }

  private void recovered() {
    if (failing) {
      failing = false;
      LOG.info("budget reservations are renewed again");
    }
  }

  @Override
  public void close() {
    closed = true;
    heartbeat.shutdownNow();
    sweeper.shutdownNow();
  }

  private static ScheduledExecutorService daemon(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }
}
