package dev.switchboard.ledger.sql;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.ledger.UsageRecord;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The queue in front of a ledger's one writer thread, the same for either engine: {@link #append}
 * never blocks and answers through its future; the thread takes what is queued (up to {@link
 * #MAX_BATCH} rows) and hands it to the engine's {@link Batches}, which commits it in one
 * transaction and answers every row; {@link #close} lets the thread drain the queue, then joins it.
 */
public final class GroupCommit {
  public static final int MAX_BATCH = 1_000;
  private static final long IDLE_WAIT_MS = 250;

  private final Batches batches;
  private final LinkedTransferQueue<Queued> queue = new LinkedTransferQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread thread;
  private final long lingerNanos;

  /** What an engine does with each batch, on the writer thread. */
  public interface Batches {
    /**
     * Commits the batch in one transaction and completes its rows' futures; throws, rolled back,
     * when it could not.
     */
    void commit(List<Pending> batch) throws SQLException;

    /**
     * Whether a failure came from one of the batch's rows (a duplicate id, bad data), so the others
     * may commit without it; not for a failure every row would meet again (the server unreachable,
     * a lock timeout).
     */
    boolean causedByARow(Exception failure);

    /** After the last batch, on the writer thread: release the connection. */
    void finish();

    /**
     * Between batches, and after a short idle wait, on the writer thread: work the engine defers
     * out of the rows' transactions, if it is due ({@code now}: whether or not).
     */
    default void between(boolean now) {}
  }

  /** A row waiting for its transaction; {@code journaled}: its answer does not wait for it. */
  public record Pending(
      UsageRecord record, List<Attempt> attempts, CompletableFuture<Void> done, boolean journaled)
      implements Queued {

    /** Answers the row: its transaction failed. */
    public void fail(Exception cause) {
      done.completeExceptionally(
          new StorageException("ledger row " + record.id() + " was not committed", cause));
    }
  }

  /** Starts the writer thread over {@code batches}, committing what is queued at once. */
  public GroupCommit(Batches batches) {
    this(batches, Duration.ZERO);
  }

  /**
   * As {@link #GroupCommit(Batches)}, but a batch waits {@code linger} for more rows before its
   * commit: for rows whose answers do not wait for it (journaled), so that a busy gateway commits
   * many rows per transaction instead of one, a transaction costing far more than a row.
   */
  public GroupCommit(Batches batches, Duration linger) {
    this.batches = batches;
    this.lingerNanos = linger.toNanos();
    this.thread = Thread.ofPlatform().name("ledger-writer").daemon(true).unstarted(this::run);
    thread.start();
  }

  /** Queues the row and its attempts; the future completes once they are committed. */
  public CompletableFuture<Void> append(UsageRecord record, List<Attempt> attempts) {
    return append(record, attempts, false);
  }

  /**
   * As {@link #append(UsageRecord, List)}; {@code journaled}: the row is durable elsewhere and
   * nobody waits for its commit, so its batch may linger.
   */
  public CompletableFuture<Void> append(
      UsageRecord record, List<Attempt> attempts, boolean journaled) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed.get()) {
      return failClosed(done);
    }
    try {
      AttemptRows.check(record, attempts);
    } catch (IllegalArgumentException e) {
      done.completeExceptionally(e);
      return done;
    }
    Pending pending = new Pending(record, List.copyOf(attempts), done, journaled);
    queue.offer(pending);
    // close() may have raced past the check above and the writer drained for the last time;
    // whoever removes the row from the queue answers it, so it is never left pending.
    if (closed.get() && queue.remove(pending)) {
      return failClosed(done);
    }
    return done;
  }

  /** Stops accepting rows, lets the thread commit what is queued, and waits for it. Idempotent. */
  public void close() {
    if (closed.compareAndSet(false, true)) {
      queue.offer(Wake.WAKE);
    }
    if (Thread.currentThread() != thread) {
      Uninterruptibly.join(thread);
    }
  }

  /**
   * Completes once the work the engine defers (see {@link Batches#between}) covers every row
   * committed before the call: what a reader of that work waits for.
   */
  public CompletableFuture<Void> caughtUp() {
    return sync(true);
  }

  /** Completes once every row appended before the call has been answered (committed or not). */
  public CompletableFuture<Void> flushed() {
    return sync(false);
  }

  private CompletableFuture<Void> sync(boolean deferredWork) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Sync sync = new Sync(done, deferredWork);
    queue.offer(sync);
    if (closed.get() && queue.remove(sync)) {
      done.complete(null); // the writer has stopped: what it deferred was done as it finished
    }
    return done;
  }

  private void run() {
    List<Queued> drained = new ArrayList<>(MAX_BATCH);
    try {
      while (true) {
        Queued first = closed.get() ? queue.poll() : next();
        if (first == null) {
          if (closed.get()) {
            return; // closed and drained
          }
          batches.between(false);
          continue;
        }
        drained.add(first);
        queue.drainTo(drained, MAX_BATCH - 1);
        linger(drained);
        List<Pending> batch =
            drained.stream().filter(Pending.class::isInstance).map(Pending.class::cast).toList();
        if (!batch.isEmpty()) {
          write(batch);
        }
        List<Sync> syncs =
            drained.stream().filter(Sync.class::isInstance).map(Sync.class::cast).toList();
        batches.between(syncs.stream().anyMatch(Sync::deferredWork));
        syncs.forEach(sync -> sync.done().complete(null));
        drained.clear();
      }
    } finally {
      batches.between(true);
      batches.finish();
    }
  }

  // One sleep, not a wake-up per row; only when nobody waits for this batch: a reader (a Sync)
  // or a row answered only once committed cut it out.
  private void linger(List<Queued> drained) {
    if (lingerNanos > 0
        && drained.size() < MAX_BATCH
        && !closed.get()
        && drained.stream().allMatch(q -> q instanceof Pending p && p.journaled())) {
      LockSupport.parkNanos(lingerNanos);
      queue.drainTo(drained, MAX_BATCH - drained.size());
    }
  }

  private void write(List<Pending> batch) {
    try {
      batches.commit(batch);
    } catch (SQLException | RuntimeException e) {
      if (batch.size() == 1 || !batches.causedByARow(e)) {
        batch.forEach(pending -> pending.fail(e));
        return;
      }
      // One bad row (a duplicate id) must not sink the others: each row on its own.
      for (Pending pending : batch) {
        try {
          batches.commit(List.of(pending));
        } catch (SQLException | RuntimeException rowFailure) {
          pending.fail(rowFailure);
        }
      }
    }
  }

  // The next row or request, or null after a short wait without any (deferred work may be due).
  private @Nullable Queued next() {
    try {
      return queue.poll(IDLE_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      return null; // the writer stops only through close(), which drains the queue first
    }
  }

  private static CompletableFuture<Void> failClosed(CompletableFuture<Void> done) {
    done.completeExceptionally(new IllegalStateException("the ledger writer is closed"));
    return done;
  }

  /** What the queue holds: rows, requests to catch up, and the wake-up close() sends. */
  sealed interface Queued permits Pending, Sync, Wake {}

  /**
   * Queued by caughtUp() and flushed(): completed after the rows before it, and after the deferred
   * work that follows them when {@code deferredWork}.
   */
  private record Sync(CompletableFuture<Void> done, boolean deferredWork) implements Queued {}

  /** Queued by close() to wake a writer blocked on an empty queue. */
  private enum Wake implements Queued {
    WAKE
  }
}
