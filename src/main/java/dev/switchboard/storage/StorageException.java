package dev.switchboard.storage;

/**
 * A storage operation failed or could not reach its database (I/O, a locked or corrupt file, a
 * PostgreSQL that does not answer within its timeout). Unchecked so that no driver exception type
 * crosses a package boundary; the message never contains key material or a password. The gateway
 * answers it with 503 {@code storage_unavailable}: catch this type, which {@link
 * dev.switchboard.ledger.StorageException} (what the stores throw) extends.
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
