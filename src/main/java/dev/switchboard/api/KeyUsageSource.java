package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the key endpoints ({@code GET /api/v1/key}, {@code /api/v1/credits}, the admin key list)
 * get a key's spend. {@link LedgerKeyUsage} sums the ledger; a budgets-backed source adds what is
 * reserved by requests in flight. Never blocks the caller; may complete on any thread.
 */
public interface KeyUsageSource {
  /** The key's spend now; the session's too when {@code sessionId} is given and known. */
  CompletableFuture<KeyUsage> usage(ApiKey key, Optional<String> sessionId);
}
