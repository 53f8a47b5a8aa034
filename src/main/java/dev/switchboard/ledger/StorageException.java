package dev.switchboard.ledger;

/**
 * A store (ledger, keys, idempotency, budgets) could not read or write: the {@link
 * dev.switchboard.storage.StorageException} the stores throw, so callers may catch either.
 */
public final class StorageException extends dev.switchboard.storage.StorageException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
