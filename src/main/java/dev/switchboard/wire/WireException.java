package dev.switchboard.wire;

/**
 * A body that does not follow its wire format. The message names the offending field and is safe to
 * show a client; it never contains secrets. Stays inside wire and provider (checked).
 */
public final class WireException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String param;

  public WireException(String message) {
    this(message, "", null);
  }

  public WireException(String message, Throwable cause) {
    this(message, "", cause);
  }

  public WireException(String message, String param, Throwable cause) {
    super(message, cause, false, false);
    this.param = param;
  }

  /** The JSON path of the offending field ("messages[0].role"), or empty. */
  public String param() {
    return param;
  }
}
