package dev.switchboard.ledger;

/**
 * A storage operation failed (I/O, a locked or corrupt database). Unchecked so that no driver
 * exception type crosses a package boundary; the message never contains key material.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
