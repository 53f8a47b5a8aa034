package dev.switchboard.ledger.sql;

/** Waits that an interrupt only defers: returning early would break a close()'s promise. */
public final class Uninterruptibly {
  private Uninterruptibly() {}

  /** Waits for {@code thread} to end; an interrupt meanwhile is restored afterwards. */
  public static void join(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
