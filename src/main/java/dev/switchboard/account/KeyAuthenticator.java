package dev.switchboard.account;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Cached, non-blocking authentication for the hot path. Entries are keyed by the secret's hash
 * (never the secret), loaded from the {@link KeyStore} on the given executor and refreshed in the
 * background every {@code refresh}; an answer is never older than twice {@code refresh}, so a
 * revocation or spend change made by another process shows up within about that time.
 */
public final class KeyAuthenticator {
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(1);
  static final Duration KNOWN_EXPIRY = Duration.ofSeconds(30);
  static final Duration UNKNOWN_EXPIRY = Duration.ofSeconds(5);
  static final long MAX_ENTRIES = 100_000;

  private final KeyStore store;
  private final KeyHasher hasher;
  private final AsyncLoadingCache<String, Lookup> cache;
  private final long staleAfterNanos;

  public KeyAuthenticator(KeyStore store, KeyHasher hasher, Executor blocking, Duration refresh) {
    if (refresh.isNegative() || refresh.isZero() || refresh.compareTo(KNOWN_EXPIRY) >= 0) {
      throw new IllegalArgumentException("refresh must be above 0 and below " + KNOWN_EXPIRY);
    }
    this.store = store;
    this.hasher = hasher;
    this.staleAfterNanos = refresh.multipliedBy(2).toNanos();
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            // The cache's upkeep (a few entries moved per pass) runs on the thread that reads it:
            // handed to the blocking executor, it started a thread every few requests.
            .executor(Runnable::run)
            .refreshAfterWrite(refresh)
            // Unknown hashes are cached briefly: enough to absorb a client retrying a bad key,
            // short enough not to hold memory for every guess.
            .expireAfter(
                Expiry.<String, Lookup>writing(
                    (hash, lookup) -> lookup.key().isPresent() ? KNOWN_EXPIRY : UNKNOWN_EXPIRY))
            // Lookups block, so they go to the blocking executor, never to the cache's own.
            .buildAsync(
                (String hash, Executor cacheExecutor) ->
                    CompletableFuture.supplyAsync(
                        () -> new Lookup(store.findByHash(hash), System.nanoTime()), blocking));
  }

  /** With the default refresh of one second. */
  public static KeyAuthenticator of(KeyStore store, KeyHasher hasher, Executor blocking) {
    return new KeyAuthenticator(store, hasher, blocking, DEFAULT_REFRESH);
  }

  /**
   * The store behind this authenticator, for the admin key API (blocking). A change made through it
   * reaches {@link #authenticate} within twice the refresh period, as any other change does.
   */
  public KeyStore store() {
    return store;
  }

  /**
   * The active key with this secret, or empty for a malformed, unknown or revoked one. Never
   * blocks; fails only if the store does. Whether the key is over its limit is for the caller to
   * decide.
   */
  public CompletableFuture<Optional<ApiKey>> authenticate(String secret) {
    if (!KeyFormat.isSecret(secret)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    String hash = hasher.hash(secret);
    return cache
        .get(hash)
        .thenCompose(lookup -> fresh(hash, lookup))
        .thenApply(lookup -> lookup.key().filter(ApiKey::active));
  }

  // refreshAfterWrite serves the old value while it reloads, which for a key idle for 20 s would
  // mean one request on 20 s old data; past twice the refresh period we wait for the reload
  // instead.
  private CompletableFuture<Lookup> fresh(String hash, Lookup lookup) {
    if (System.nanoTime() - lookup.loadedAtNanos() <= staleAfterNanos) {
      return CompletableFuture.completedFuture(lookup);
    }
    return cache.synchronous().refresh(hash);
  }

  private record Lookup(Optional<ApiKey> key, long loadedAtNanos) {}
}
