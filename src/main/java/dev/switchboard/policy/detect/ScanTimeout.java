package dev.switchboard.policy.detect;

/**
 * A scan ran past its deadline ({@link Scanner#scan(dev.switchboard.wire.ChatRequest, long)}). The
 * message says how much of the request was scanned, never any of its text. Whoever catches it must
 * treat the request as the highest data class: an unfinished scan proves nothing.
 */
public final class ScanTimeout extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long scannedChars;
  private final long totalChars;

  ScanTimeout(long scannedChars, long totalChars) {
    super(
        "policy scan exceeded its time budget after "
            + scannedChars
            + " of "
            + totalChars
            + " characters",
        null,
        false,
        false);
    this.scannedChars = scannedChars;
    this.totalChars = totalChars;
  }

  /** Characters fully scanned (by every detector) before the deadline passed. */
  public long scannedChars() {
    return scannedChars;
  }

  /** Characters the request carries in all its scanned texts. */
  public long totalChars() {
    return totalChars;
  }
}
