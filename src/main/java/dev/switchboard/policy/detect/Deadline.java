package dev.switchboard.policy.detect;

/**
 * When a scan must stop, by {@link System#nanoTime()}, and how far it got: detectors call {@link
 * #check} between steps; past the deadline it throws {@link ScanTimeout}. One per scan, not shared
 * between threads.
 */
final class Deadline {
  /** How many characters a detector may read between two clock reads. */
  static final int STRIDE = 1 << 16;

  private final long deadlineNanos;
  private final boolean bounded;
  private final long totalChars;
  private long scannedChars;

  private Deadline(long deadlineNanos, boolean bounded, long totalChars) {
    this.deadlineNanos = deadlineNanos;
    this.bounded = bounded;
    this.totalChars = totalChars;
  }

  static Deadline none() {
    return new Deadline(0, false, 0);
  }

  static Deadline at(long deadlineNanos, long totalChars) {
    return new Deadline(deadlineNanos, true, totalChars);
  }

  /** Throws {@link ScanTimeout} once the deadline has passed. */
  void check() {
    // Subtraction, not comparison: nanoTime may wrap.
    if (bounded && System.nanoTime() - deadlineNanos > 0) {
      throw new ScanTimeout(scannedChars, totalChars);
    }
  }

  /** Records that a whole text of {@code chars} characters has been scanned. */
  void scanned(int chars) {
    scannedChars += chars;
  }
}
