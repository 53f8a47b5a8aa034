package dev.switchboard.budget;

import dev.switchboard.ledger.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Budgets of a single node: counters and reservations in memory, per key under one short lock. A
 * window starts counting from its ledger sum the first time it is used (read off the caller's
 * thread), so a restart rebuilds the counters from the ledger and loses only in-flight
 * reservations, which is what an orphan expiring means. Windows nobody holds are forgotten after an
 * idle time and re-read from the ledger when used again.
 */
public final class MemoryBudgets implements Budgets {
  private static final Logger LOG = Logger.getLogger(MemoryBudgets.class.getName());
  private static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);
  private static final long EVICT_EVERY_OPS = 4096;

  private final LedgerSpend ledger;
  private final Duration idle;
  private final ExecutorService seeder = Executors.newVirtualThreadPerTaskExecutor();
  private final ConcurrentHashMap<String, KeyCounters> keys = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<KeyCounters.Seed>> seeding =
      new ConcurrentHashMap<>();
  private final AtomicLong ops = new AtomicLong();

  private MemoryBudgets(LedgerSpend ledger, Duration idle) {
    this.ledger = ledger;
    this.idle = idle;
  }

  /** Budgets counting from what {@code ledger} says was spent. */
  public static MemoryBudgets create(LedgerSpend ledger) {
    return new MemoryBudgets(ledger, DEFAULT_IDLE);
  }

  /** As {@link #create(LedgerSpend)}, forgetting unheld windows after {@code idle}. */
  static MemoryBudgets create(LedgerSpend ledger, Duration idle) {
    return new MemoryBudgets(ledger, idle);
  }

  @Override
  public CompletableFuture<Reservation> reserve(
      String reservationId, List<BudgetWindow> windows, long amountMicros) {
    try {
      String keyId = keyOf(windows);
      if (amountMicros < 0) {
        throw new IllegalArgumentException("negative reservation amount " + amountMicros);
      }
      maybeEvict();
      return attempt(
          keys.computeIfAbsent(keyId, k -> new KeyCounters()),
          reservationId,
          windows,
          amountMicros);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<Reservation> attempt(
      KeyCounters key, String id, List<BudgetWindow> windows, long amount) {
    var outcome = key.reserve(id, windows, amount);
    if (outcome.isPresent()) {
      return switch (outcome.get()) {
        case KeyCounters.Outcome.Held h ->
            CompletableFuture.completedFuture(
                new Reservation(id, windows.get(0).keyId(), windows, h.amount()));
        case KeyCounters.Outcome.Refused r ->
            CompletableFuture.failedFuture(new BudgetExceeded(r.window(), r.remaining(), amount));
      };
    }
    return seed(key, windows).thenCompose(v -> attempt(key, id, windows, amount));
  }

  @Override
  public CompletableFuture<Reservation> topUp(Reservation reservation, long moreMicros) {
    if (moreMicros <= 0) {
      return CompletableFuture.completedFuture(reservation);
    }
    KeyCounters key = keys.get(reservation.keyId());
    long amount =
        key == null
            ? reservation.amountMicros()
            : key.topUp(reservation.id(), moreMicros, reservation.amountMicros());
    return CompletableFuture.completedFuture(reservation.withAmount(amount));
  }

  @Override
  public void settled(Reservation reservation, long chargedMicros) {
    KeyCounters key = keys.get(reservation.keyId());
    long held = key == null ? -1 : key.close(reservation.id(), chargedMicros);
    if (held < 0) {
      LOG.warning(() -> "settled a reservation that is not open: " + reservation.id());
    } else if (chargedMicros > held) {
      LOG.warning(
          () ->
              "reservation "
                  + reservation.id()
                  + " charged "
                  + chargedMicros
                  + " micro-dollars, above the "
                  + held
                  + " it held");
    }
  }

  @Override
  public void abandoned(Reservation reservation) {
    KeyCounters key = keys.get(reservation.keyId());
    if (key != null) {
      key.close(reservation.id(), 0);
    }
  }

  @Override
  public CompletableFuture<Map<String, WindowUsage>> usage(List<BudgetWindow> windows) {
    if (windows.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    KeyCounters key;
    try {
      key = keys.computeIfAbsent(keyOf(windows), k -> new KeyCounters());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return usageOf(key, windows);
  }

  private CompletableFuture<Map<String, WindowUsage>> usageOf(
      KeyCounters key, List<BudgetWindow> windows) {
    Map<String, WindowUsage> out = new HashMap<>();
    for (BudgetWindow w : windows) {
      var usage = key.usage(w.id());
      if (usage.isEmpty()) { // not counted yet, or forgotten meanwhile: read the ledger first
        return seed(key, windows).thenCompose(v -> usageOf(key, windows));
      }
      out.put(w.id(), usage.get());
    }
    return CompletableFuture.completedFuture(Map.copyOf(out));
  }

  /** How many reservations are open on every key together. */
  public int openReservations() {
    return keys.values().stream().mapToInt(KeyCounters::openCount).sum();
  }

  /**
   * Rebuilds every counted window from the ledger and the open reservations and lists where the
   * counters differ (empty: consistent). Blocking (reads the ledger); meaningful only while no
   * ledger row is on its way, as in a test after its load.
   */
  public List<String> discrepancies() {
    List<String> found = new ArrayList<>();
    for (KeyCounters key : keys.values()) {
      List<KeyCounters.Snapshot> snapshots = key.snapshot();
      for (KeyCounters.Snapshot s : snapshots) {
        long ledgerSpent = ledgerSpan(s.window(), snapshots);
        if (s.spent() != ledgerSpent || s.reserved() != s.heldByOpen()) {
          found.add(
              s.window().id()
                  + ": spent "
                  + s.spent()
                  + " (ledger "
                  + ledgerSpent
                  + "), reserved "
                  + s.reserved()
                  + " (open reservations "
                  + s.heldByOpen()
                  + ")");
        }
      }
    }
    return found;
  }

  @Override
  public void close() {
    seeder.shutdownNow();
  }

  /**
   * The ledger's spend in a window's span: from its start to the start of the key's next counted
   * window of the same kind (yesterday's day window ends where today's starts), or for ever.
   */
  private long ledgerSpan(BudgetWindow w, List<KeyCounters.Snapshot> windows) {
    long spent = ledger.spentIn(w);
    if (w.kind() == WindowKind.SESSION) {
      return spent;
    }
    var next =
        windows.stream()
            .map(KeyCounters.Snapshot::window)
            .filter(o -> o.kind() == w.kind() && o.start().isAfter(w.start()))
            .map(BudgetWindow::start)
            .min(Comparator.naturalOrder());
    return next.isEmpty()
        ? spent
        : spent - ledger.spentMicros(w.keyId(), next.get(), Optional.empty());
  }

  /** Completes once every window in {@code windows} is counted by {@code key}. */
  private CompletableFuture<Void> seed(KeyCounters key, List<BudgetWindow> windows) {
    List<BudgetWindow> missing = key.unseeded(windows);
    if (missing.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<?>[] reads = new CompletableFuture<?>[missing.size()];
    for (int i = 0; i < reads.length; i++) {
      BudgetWindow w = missing.get(i);
      reads[i] =
          seeding.computeIfAbsent(w.id(), id -> readLedger(key, w)).thenAccept(s -> key.seed(w, s));
    }
    return CompletableFuture.allOf(reads);
  }

  // The read leaves the in-flight map before it completes, so no later caller reuses a sum read
  // before a settle; the epoch makes a sum read before an eviction not count (the caller retries).
  private CompletableFuture<KeyCounters.Seed> readLedger(KeyCounters key, BudgetWindow window) {
    CompletableFuture<KeyCounters.Seed> read = new CompletableFuture<>();
    seeder.execute(
        () -> {
          long epoch = key.epoch();
          try {
            long spent = ledger.spentIn(window);
            seeding.remove(window.id(), read);
            read.complete(new KeyCounters.Seed(spent, epoch));
          } catch (RuntimeException e) {
            seeding.remove(window.id(), read);
            LOG.log(Level.WARNING, "cannot read the ledger sum of window " + window.id(), e);
            read.completeExceptionally(
                e instanceof StorageException
                    ? e
                    : new StorageException("cannot read the ledger sum of a budget window", e));
          }
        });
    return read;
  }

  private void maybeEvict() {
    if (ops.incrementAndGet() % EVICT_EVERY_OPS == 0) {
      seeder.execute(this::evictIdle);
    }
  }

  /** Forgets the windows no reservation holds that were not used for the idle time. */
  void evictIdle() {
    long cutoff = System.nanoTime() - idle.toNanos();
    keys.values().forEach(k -> k.evictIdle(cutoff));
  }

  private static String keyOf(List<BudgetWindow> windows) {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("a reservation needs at least one window");
    }
    String keyId = windows.get(0).keyId();
    Set<String> ids = new HashSet<>();
    for (BudgetWindow w : windows) {
      if (!w.keyId().equals(keyId) || !ids.add(w.id())) {
        throw new IllegalArgumentException("windows of one key, each once: " + windows);
      }
    }
    return keyId;
  }
}
