package dev.switchboard.ledger.sqlite;

import dev.switchboard.ledger.sql.Uninterruptibly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The machine half of process durability. The ledger writer commits with {@code
 * synchronous=NORMAL}: a commit's WAL frames are written to the {@code -wal} file (in the OS page
 * cache, so they survive the process) but not fsync'd. This daemon thread ("ledger-wal-sync")
 * fdatasyncs the {@code -wal} file once the first unsynced commit is one window old, less the time
 * the writer may have gathered its rows ({@link #gathering}), so a power loss loses at most rows
 * answered within the last window (plus one commit's and one fsync's duration). It syncs only when
 * rows were committed since its last sync: an idle gateway does no I/O.
 *
 * <p>Why an fdatasync of the {@code -wal} file rather than a checkpoint: after a crash SQLite
 * recovers every WAL frame up to the last valid commit frame (salted, chained checksums), so
 * syncing the file makes every commit written before the sync durable, in one system call that
 * takes no SQLite lock and never waits for readers. A checkpoint would also sync the WAL, but then
 * copies pages into the database file and syncs that too, contends with the writer for the
 * checkpoint lock, and stops short of pages a reader still sees. The descriptor stays valid: SQLite
 * reuses the {@code -wal} file in place after a checkpoint (having synced the checkpointed pages
 * into the database file first) and deletes it only when the last connection closes, which cannot
 * happen while the writer's is open; and SQLite keeps no POSIX lock on the {@code -wal} file (they
 * are on the {@code -shm} file), so opening and closing it here cannot drop one.
 */
final class WalSyncer {
  private static final System.Logger LOG = System.getLogger("switchboard.ledger");
  private static final Duration MAX_GATHERING = Duration.ofMillis(10);

  private final FileChannel wal;
  // The writer's share of the window: how long it may gather journaled rows before a commit.
  private final Duration gathering;
  private final long windowNanos;
  private final AtomicLong committed;
  private final AtomicLong durable = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();
  private final Thread thread;
  private volatile boolean idle;
  private volatile boolean closed;

  private WalSyncer(FileChannel wal, Duration window, AtomicLong committed) {
    this.wal = wal;
    this.gathering = gatheringWithin(window);
    // A row waits up to the gathering time for its commit, so the sync follows the commit by the
    // rest of the window: a row answered is synced within the window either way.
    this.windowNanos = window.minus(gathering).toNanos();
    this.committed = committed;
    this.thread = Thread.ofPlatform().name("ledger-wal-sync").daemon(true).unstarted(this::run);
  }

  /**
   * Starts syncing {@code walFile} (which must exist: an open connection in WAL mode keeps it)
   * whenever {@code committed}, the writer's count of committed rows, moves.
   */
  static WalSyncer start(Path walFile, Duration window, AtomicLong committed) throws IOException {
    WalSyncer syncer =
        new WalSyncer(FileChannel.open(walFile, StandardOpenOption.READ), window, committed);
    syncer.thread.start();
    return syncer;
  }

  /**
   * How long the writer may gather journaled rows before it commits them: a fifth of {@code
   * window}, at most 10 ms (more rows per transaction, fewer wake-ups of the writer).
   */
  static Duration gatheringWithin(Duration window) {
    Duration fifth = window.dividedBy(5);
    return fifth.compareTo(MAX_GATHERING) < 0 ? fifth : MAX_GATHERING;
  }

  /** The writer's share of the window: see {@link #gatheringWithin}. */
  Duration gathering() {
    return gathering;
  }

  /** Told by the writer after each commit, once {@code committed} has moved. */
  void committed() {
    if (idle) {
      LockSupport.unpark(thread);
    }
  }

  /** Rows committed by the writer that an fsync has since made durable on the machine. */
  long durableThrough() {
    return durable.get();
  }

  long syncs() {
    return syncs.get();
  }

  /** Syncs whatever is still unsynced, then stops. Call after the writer's last commit. */
  void close() {
    closed = true;
    LockSupport.unpark(thread);
    Uninterruptibly.join(thread);
    try {
      wal.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot close the ledger's WAL file", e);
    }
  }

  private void run() {
    while (true) {
      if (!awaitCommit()) {
        return;
      }
      long dirtySince = System.nanoTime();
      // Later commits share this sync; close() cuts the wait short.
      long wait;
      while (!closed && (wait = dirtySince + windowNanos - System.nanoTime()) > 0) {
        LockSupport.parkNanos(this, wait);
      }
      if (!sync()) {
        return;
      }
    }
  }

  // Parks until rows were committed since the last sync; false once closed with none left.
  private boolean awaitCommit() {
    while (committed.get() == durable.get()) {
      if (closed) {
        return false;
      }
      idle = true;
      // Re-checked after announcing idle: a commit either sees idle (and unparks) or is seen here.
      if (committed.get() == durable.get() && !closed) {
        LockSupport.park(this);
      }
      idle = false;
    }
    return true;
  }

  // Read before the fsync: every commit counted in `through` was written before it started.
  private boolean sync() {
    long through = committed.get();
    try {
      wal.force(false);
    } catch (IOException e) {
      // Linux may drop the dirty pages of a failed fsync, so a later success would not prove these
      // rows durable: the watermark stops here for good. Commits still survive a process crash.
      LOG.log(
          System.Logger.Level.ERROR,
          "cannot fsync the ledger's WAL; rows committed from now on survive a crash of the"
              + " gateway but not of the machine",
          e);
      return false;
    }
    durable.set(through);
    syncs.incrementAndGet();
    return true;
  }
}
