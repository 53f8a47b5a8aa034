package dev.switchboard.budget;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reservations against budget windows. Invariant: the settled spend of a window never exceeds its
 * limit, because every reserve and top-up is granted only from what no other reservation holds; and
 * a reserve is refused only when some window cannot pay its amount. Thread-safe; no method blocks
 * its caller (event loops may call it).
 */
public interface Budgets extends AutoCloseable {
  /**
   * Never blocks the caller. Atomic over all windows; fails with {@link BudgetExceeded}, or
   * dev.switchboard.ledger.StorageException when the store cannot be reached (fast).
   */
  CompletableFuture<Reservation> reserve(
      String reservationId, List<BudgetWindow> windows, long amountMicros);

  /**
   * Grants min(more, what every window still has), possibly 0: the returned reservation's amount.
   */
  CompletableFuture<Reservation> topUp(Reservation reservation, long moreMicros);

  /**
   * The ledger row carrying reservation.id() and charged (<= amount) is durable. The memory
   * implementation moves the charge to spent and releases the rest; the SQL one has nothing left to
   * do (the SettleHook did it in the row's transaction) but stops renewing it.
   */
  void settled(Reservation reservation, long chargedMicros);

  /**
   * The row could not be written: release everything (memory) / stop renewing, let it expire (SQL).
   */
  void abandoned(Reservation reservation);

  /** Spent (settled) and reserved per window id, for GET /api/v1/key. */
  CompletableFuture<Map<String, WindowUsage>> usage(List<BudgetWindow> windows);

  @Override
  void close();
}
