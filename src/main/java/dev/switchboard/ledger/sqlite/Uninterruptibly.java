package dev.switchboard.ledger.sqlite;

/** Waits that an interrupt only defers: returning early would break a close()'s promise. */
final class Uninterruptibly {
  private Uninterruptibly() {}

  /** Waits for {@code thread} to end; an interrupt meanwhile is restored afterwards. */
  static void join(Thread thread) {
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
