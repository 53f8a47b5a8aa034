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
   * Issues a key with these rules, an admin key when {@code admin}. Fails with {@link
   * IllegalArgumentException} if the name is invalid (see {@link KeyFormat#checkName}) or an active
   * key already has it.
   */
  IssuedKey create(String name, KeyRules rules, boolean admin);

  /** Issues a normal key with a lifetime limit and a default data class when present. */
  default IssuedKey create(String name, OptionalLong limitMicros, Optional<DataClass> dataClass) {
    return create(
        name, KeyRules.builder().limitMicros(limitMicros).dataClass(dataClass).build(), false);
  }

  /** Issues a normal key without a default data class. */
  default IssuedKey create(String name, OptionalLong limitMicros) {
    return create(name, limitMicros, Optional.empty());
  }

  /**
   * Replaces the rules of the active key with this id (preferred) or name; empty if there is none.
   * The key's secret, name and admin flag stay as they are.
   */
  Optional<ApiKey> update(String idOrName, KeyRules rules);

  /** All keys, active and revoked, oldest first. */
  List<ApiKey> list();

  /** The key with this id (preferred) or name: the active one of that name, if any. */
  Optional<ApiKey> find(String idOrName);

  /** Revokes the active key with this id (preferred) or name; empty if there is none. */
  Optional<ApiKey> revoke(String idOrName);

  /** The key, active or revoked, whose secret hashes to {@code keyHash}. */
  Optional<ApiKey> findByHash(String keyHash);
}
