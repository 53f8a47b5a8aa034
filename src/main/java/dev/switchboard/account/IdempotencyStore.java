package dev.switchboard.account;

import java.time.Duration;
import java.util.Optional;

/**
 * Answers to requests sent with an {@code Idempotency-Key}, scoped per API key and kept for {@link
 * #RETENTION}. {@link #claim} is an insert-if-absent on (key id, idempotency key): of several
 * requests racing for one key, on any node sharing the store, exactly one gets {@link Claimed}.
 * Only the claiming request (named by its generation id) may complete or release its claim.
 * Blocking (JDBC): call it from a worker or virtual thread, never an event loop.
 */
public interface IdempotencyStore {
  /** How long an answer is replayed, counted from the claim. */
  Duration RETENTION = Duration.ofHours(24);

  /**
   * A claim still in flight after this long is taken to be abandoned (its node died), so the key
   * can be claimed again. Longer than any request can run.
   */
  Duration ABANDONED_AFTER = Duration.ofHours(1);

  /**
   * Takes the key for a request whose body hashes to {@code bodyHash}, or reports who holds it.
   * Expired answers and abandoned claims of this key are removed first.
   */
  Claim claim(String keyId, String idempotencyKey, String bodyHash, String generationId);

  /** Stores the answer of the request that claimed the key; later claims replay it. */
  void complete(String keyId, String idempotencyKey, String generationId, StoredResponse response);

  /** Gives up an unanswered claim so a retry can run; a stored answer is never removed. */
  void release(String keyId, String idempotencyKey, String generationId);

  /** Deletes expired answers and abandoned claims; returns how many rows went. */
  int purgeExpired();

  /** What {@link #claim} found. */
  sealed interface Claim permits Claimed, Held {}

  /** The key was free and now belongs to the caller's request. */
  record Claimed() implements Claim {}

  /**
   * Another request holds the key: its body hash and, once it has answered, the stored answer
   * (empty while it is in flight).
   */
  record Held(String bodyHash, Optional<StoredResponse> answer) implements Claim {}

  /** An answer as replayed: status, content type, the original generation id and the body. */
  record StoredResponse(int status, String contentType, String generationId, byte[] body) {}
}
