/**
 * API keys: their formats, salted hashes ({@link dev.switchboard.account.KeyHasher}), the blocking
 * {@link dev.switchboard.account.KeyStore} contract and the cached, non-blocking {@link
 * dev.switchboard.account.KeyAuthenticator} used on the hot path. Raw secrets exist only in memory,
 * once, at issue time; stores keep the hash. The {@link dev.switchboard.account.IdempotencyStore}
 * keeps per-key answers to Idempotency-Key requests. Storage implementations live in sub-packages.
 */
@NullMarked
package dev.switchboard.account;

import org.jspecify.annotations.NullMarked;
