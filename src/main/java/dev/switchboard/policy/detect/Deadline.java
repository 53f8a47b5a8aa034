package dev.switchboard.policy.detect;

/**
 * When a scan must stop, by {@link System#nanoTime()}, how far it got, and what it may still spend
 * on slow library calls: detectors call {@link #check} between steps (past the deadline it throws
 * {@link ScanTimeout}) and {@link #spend} before a slow call. One per scan (of a text or of a whole
 * request, so many small parts share one budget), not shared between threads.
 */
final class Deadline {
  /** How many characters a detector may read between two clock reads. */
  static final int STRIDE = 1 << 16;

  /** Slow calls (libphonenumber, tens of microseconds each) any scan may make. */
  static final int BASE_CALLS = 16;

  /** One slow call more per this many characters scanned. */
  static final int CHARS_PER_CALL = 16_384;

  private final long deadlineNanos;
  private final boolean bounded;
  private final long totalChars;
  private long scannedChars;
  private long calls;

  private Deadline(long deadlineNanos, boolean bounded, long totalChars) {
    this.deadlineNanos = deadlineNanos;
    this.bounded = bounded;
    this.totalChars = totalChars;
    this.calls = BASE_CALLS + totalChars / CHARS_PER_CALL;
  }

  /** No deadline, and the call budget of {@code totalChars} characters. */
  static Deadline none(long totalChars) {
    return new Deadline(0, false, totalChars);
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

  /** Takes {@code cost} slow calls from the budget, or says there are not that many left. */
  boolean spend(int cost) {
    if (calls < cost) {
      return false;
    }
    calls -= cost;
    return true;
  }

  /** Records that a whole text of {@code chars} characters has been scanned. */
  void scanned(int chars) {
    scannedChars += chars;
  }
}
