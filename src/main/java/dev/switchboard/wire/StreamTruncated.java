package dev.switchboard.wire;

/**
 * The upstream stream ended without a terminal event: the answer is incomplete and must not look
 * complete.
 */
public final class StreamTruncated extends Exception {
  private static final long serialVersionUID = 1L;

  public StreamTruncated(String message) {
    super(message, null, false, false);
  }
}
