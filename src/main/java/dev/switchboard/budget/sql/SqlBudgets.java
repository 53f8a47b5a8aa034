package dev.switchboard.budget.sql;

import dev.switchboard.budget.BudgetExceeded;
import dev.switchboard.budget.BudgetWindow;
import dev.switchboard.budget.Budgets;
import dev.switchboard.budget.Reservation;
import dev.switchboard.budget.WindowUsage;
import dev.switchboard.ledger.SettleHook;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Budgets shared by every node of a cluster through PostgreSQL. A reserve is one statement (see
 * {@link ReserveStatement}); the charge happens in the ledger row's own transaction through {@link
 * #settleHook()}; a reservation carries its node and an expiry that the node's heartbeat renews
 * while the request lives, and every node sweeps expired ones, so a killed node's reservations are
 * released within about one TTL. Calls run on virtual threads and fail with {@link
 * StorageException} when the database does not answer within {@link #CALL_TIMEOUT}.
 */
public final class SqlBudgets implements Budgets {
  /** How long a caller waits for the database before the call fails. */
  public static final Duration CALL_TIMEOUT = Duration.ofMillis(1500);

  private static final Logger LOG = Logger.getLogger(SqlBudgets.class.getName());

  private final Database database;
  private final Duration ttl;
  private final String nodeId;
  private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<String> live = ConcurrentHashMap.newKeySet();
  private final Upkeep upkeep;

  private SqlBudgets(Database database, Duration ttl, String nodeId) {
    this.database = database;
    this.ttl = ttl;
    this.nodeId = nodeId;
    this.upkeep = new Upkeep(database, ttl, live);
  }

  /**
   * Budgets on a PostgreSQL database migrated to V8 (and V9's ledger columns). Starts this node's
   * heartbeat and orphan sweeper; reservations expire {@code reservationTtl} after their last
   * renewal.
   */
  public static SqlBudgets open(Database database, Duration reservationTtl) {
    if (database.dialect() != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException(
          "SqlBudgets needs PostgreSQL; one node uses MemoryBudgets");
    }
    SqlBudgets budgets =
        new SqlBudgets(
            database, reservationTtl, "node-" + UUID.randomUUID().toString().substring(0, 8));
    budgets.upkeep.start();
    return budgets;
  }

  /** This node's name on its reservation records. */
  public String nodeId() {
    return nodeId;
  }

  @Override
  public CompletableFuture<Reservation> reserve(
      String reservationId, List<BudgetWindow> windows, long amountMicros) {
    try {
      validate(windows, amountMicros);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return call(
            "reserve",
            c -> {
              long now = System.currentTimeMillis();
              var request =
                  new ReserveStatement.Request(
                      reservationId, windows, amountMicros, nodeId, now, now + ttl.toMillis());
              var outcome = ReserveStatement.run(c, request);
              if (!outcome.held() && outcome.found().size() < windows.size()) {
                WindowRows.seed(c, missing(windows, outcome.found()), now);
                outcome = ReserveStatement.run(c, request);
              }
              if (outcome.held()) {
                return new Reservation(
                    reservationId, windows.get(0).keyId(), windows, amountMicros);
              }
              throw refusal(windows, outcome.found(), amountMicros);
            })
        // Renewed only once the caller has it: a reserve that answered after the caller gave up
        // (timed out) is never renewed and expires.
        .thenApply(
            r -> {
              live.add(r.id());
              return r;
            });
  }

  @Override
  public CompletableFuture<Reservation> topUp(Reservation reservation, long moreMicros) {
    if (moreMicros <= 0) {
      return CompletableFuture.completedFuture(reservation);
    }
    return call(
        "top up",
        c ->
            ReservationRecords.topUp(c, reservation.id(), moreMicros, System.currentTimeMillis())
                .stream()
                .mapToObj(reservation::withAmount)
                .findFirst()
                .orElse(reservation));
  }

  @Override
  public void settled(Reservation reservation, long chargedMicros) {
    live.remove(reservation.id());
  }

  @Override
  public void abandoned(Reservation reservation) {
    // The row may still be on its way (a retried commit): the record expires instead, and a row
    // that does arrive is still charged.
    live.remove(reservation.id());
  }

  @Override
  public CompletableFuture<Map<String, WindowUsage>> usage(List<BudgetWindow> windows) {
    if (windows.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    return call(
        "usage",
        c -> {
          List<String> ids = windows.stream().map(BudgetWindow::id).toList();
          Map<String, WindowUsage> usage = WindowRows.usage(c, ids);
          if (usage.size() < windows.size()) {
            List<BudgetWindow> missing =
                windows.stream().filter(w -> !usage.containsKey(w.id())).toList();
            WindowRows.seed(c, missing, System.currentTimeMillis());
            usage.putAll(WindowRows.usage(c, ids));
          }
          return Map.copyOf(usage);
        });
  }

  /**
   * The hook the PostgreSQL ledger writer calls in a row's transaction: the row's cost moves into
   * every window of its reservation, the reservation's amount is released and its record deleted,
   * all committing (or not) with the row. The windows stay locked until the transaction ends, so a
   * writer putting several rows in one transaction should call the hook in key id order: two nodes'
   * transactions then lock windows in the same order and never deadlock.
   */
  public SettleHook settleHook() {
    return (c, row) -> {
      if (row.reservationId().isPresent()) {
        charge(c, row.reservationId().get(), row.costMicros());
      }
    };
  }

  /** The settle hook's work for reservation {@code id} and a row costing {@code costMicros}. */
  void charge(Connection c, String id, long costMicros) throws SQLException {
    live.remove(id);
    var settled = ReservationRecords.settle(c, id, costMicros, System.currentTimeMillis());
    if (settled.isEmpty()) {
      LOG.warning(() -> "a ledger row settles reservation " + id + ", which has no record");
    } else if (!settled.get().state().equals("open")) {
      LOG.warning(() -> "reservation " + id + " expired before its row settled it; charged anyway");
    } else if (costMicros > settled.get().heldMicros()) {
      LOG.warning(
          () ->
              "reservation "
                  + id
                  + " charged "
                  + costMicros
                  + " micro-dollars, above the "
                  + settled.get().heldMicros()
                  + " it held");
    }
  }

  /** Open reservation records of every node (blocking; for checks and tests). */
  public int openReservations() {
    return blocking(c -> BudgetAudit.openReservations(c));
  }

  /**
   * Rebuilds every window's spent from the ledger and reserved from the open reservation records
   * and lists where the counters differ (empty: consistent). Blocking; meaningful while no ledger
   * row is on its way.
   */
  public List<String> discrepancies() {
    return blocking(BudgetAudit::discrepancies);
  }

  /** Expires orphans now instead of at the next sweep (for tests and operators). */
  public int sweepNow() {
    return upkeep.sweep();
  }

  @Override
  public void close() {
    upkeep.close();
    io.shutdownNow();
  }

  private <T> CompletableFuture<T> call(String what, SqlCall<T> body) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      io.execute(
          () -> {
            try (Connection c = database.connection()) {
              result.complete(body.run(c));
            } catch (SQLException e) {
              result.completeExceptionally(
                  new StorageException("the budget store failed to " + what, e));
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new StorageException("budgets are closed", e));
    }
    return result
        .orTimeout(CALL_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .exceptionallyCompose(
            e ->
                CompletableFuture.failedFuture(
                    e instanceof TimeoutException
                        ? new StorageException(
                            "the budget store did not answer within "
                                + CALL_TIMEOUT.toMillis()
                                + " ms ("
                                + what
                                + ")",
                            e)
                        : e));
  }

  private <T> T blocking(SqlCall<T> body) {
    try (Connection c = database.connection()) {
      return body.run(c);
    } catch (SQLException e) {
      throw new StorageException("the budget store failed", e);
    }
  }

  private static BudgetExceeded refusal(
      List<BudgetWindow> windows, List<ReserveStatement.Found> found, long amount) {
    Map<String, ReserveStatement.Found> byId = new HashMap<>();
    found.forEach(f -> byId.put(f.id(), f));
    for (BudgetWindow w : windows) {
      ReserveStatement.Found f = byId.get(w.id());
      if (f != null && f.remaining() < amount) {
        return new BudgetExceeded(w, Math.max(0, f.remaining()), amount);
      }
    }
    // Every window could pay when read, yet the record was not written: windows were missing.
    throw new StorageException(
        "budget windows could not be created for " + windows.get(0).keyId(),
        new IllegalStateException(found.size() + " of " + windows.size() + " windows found"));
  }

  private static List<BudgetWindow> missing(
      List<BudgetWindow> windows, List<ReserveStatement.Found> found) {
    Set<String> present = new HashSet<>();
    found.forEach(f -> present.add(f.id()));
    return windows.stream().filter(w -> !present.contains(w.id())).toList();
  }

  private static void validate(List<BudgetWindow> windows, long amount) {
    if (windows.isEmpty() || amount < 0) {
      throw new IllegalArgumentException("a reservation needs windows and an amount >= 0");
    }
    Set<String> ids = new HashSet<>();
    for (BudgetWindow w : windows) {
      if (!w.keyId().equals(windows.get(0).keyId()) || !ids.add(w.id()) || w.id().contains(",")) {
        throw new IllegalArgumentException("windows of one key, each once: " + windows);
      }
    }
  }

  /** A unit of JDBC work on one connection. */
  @FunctionalInterface
  interface SqlCall<T> {
    T run(Connection c) throws SQLException;
  }
}
