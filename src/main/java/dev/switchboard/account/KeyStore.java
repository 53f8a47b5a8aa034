package dev.switchboard.account;

import dev.switchboard.policy.DataClass;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Durable API keys. Blocking (JDBC): call it from a virtual thread or worker, never an event loop.
 * Keys are revoked, never deleted, so the ledger's rows always find their key.
 */
public interface KeyStore {
  /**
   * Issues a key, with a default data class when {@code dataClass} is present. Fails with {@link
   * IllegalArgumentException} if the name is invalid (see {@link KeyFormat#checkName}) or an active
   * key already has it, or the limit is negative.
   */
  IssuedKey create(String name, OptionalLong limitMicros, Optional<DataClass> dataClass);

  /** Issues a key without a default data class. */
  default IssuedKey create(String name, OptionalLong limitMicros) {
    return create(name, limitMicros, Optional.empty());
  }

  /** All keys, active and revoked, oldest first. */
  List<ApiKey> list();

  /** Revokes the active key with this id (preferred) or name; empty if there is none. */
  Optional<ApiKey> revoke(String idOrName);

  /** The key, active or revoked, whose secret hashes to {@code keyHash}. */
  Optional<ApiKey> findByHash(String keyHash);
}
