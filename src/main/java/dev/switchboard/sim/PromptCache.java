package dev.switchboard.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One provider-side prompt cache per sim, keyed by provider id and prompt prefix, for every format.
 * Automatic caching (OpenAI, Gemini implicit) reads the longest remembered prefix short of the
 * whole prompt and remembers every prefix for 10 minutes. Explicit caching (Anthropic) stores
 * prefixes only at breakpoints, for their TTL (5 minutes or 1 hour, refreshed by each hit); a
 * breakpoint finds a hit at any of the 20 segments up to it, as Anthropic's lookback does, and what
 * lies between the hit and the last breakpoint is written. Remembers at most 10,000 prefixes (LRU).
 * Thread-safe.
 */
final class PromptCache {
  static final Duration AUTOMATIC_TTL = Duration.ofMinutes(10);
  static final int LOOKBACK = 20;
  private static final Duration ONE_HOUR = Duration.ofHours(1);
  private static final int CAPACITY = 10_000;

  private final LongSupplier nanoTime;
  private final Map<Key, Stored> entries =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Stored> eldest) {
          return size() > CAPACITY;
        }
      };

  /** A cache whose TTLs run on this clock (nanoseconds, as System::nanoTime). */
  PromptCache(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** How this request reads and writes the cache; then remembers what it stores. */
  synchronized CacheUse use(String providerId, Prompt prompt) {
    long[] prefixes = new long[prompt.segments().size()];
    int[] tokens = new int[prefixes.length];
    long h = Fingerprint.START;
    int sum = 0;
    for (int i = 0; i < prefixes.length; i++) {
      Prompt.Segment segment = prompt.segments().get(i);
      h = Fingerprint.extend(h, segment.identity());
      sum += segment.tokens();
      prefixes[i] = h;
      tokens[i] = sum;
    }
    Prefixes all = new Prefixes(providerId, prefixes, tokens, prompt.segments());
    return switch (prompt.caching()) {
      case Prompt.Caching.Automatic automatic -> automatic(all, automatic);
      case Prompt.Caching.Explicit explicit -> explicit(all, explicit.minTokens());
    };
  }

  private CacheUse automatic(Prefixes all, Prompt.Caching.Automatic rule) {
    int hit = 0;
    for (int k = all.size() - 2; k >= 0; k--) {
      if (alive(all.key(k))) {
        hit = all.tokens()[k];
        break;
      }
    }
    for (int k = 0; k < all.size(); k++) {
      store(all.key(k), AUTOMATIC_TTL);
    }
    return CacheUse.read(
        hit >= rule.minTokens() ? hit / rule.granularity() * rule.granularity() : 0);
  }

  private CacheUse explicit(Prefixes all, int minTokens) {
    int read = 0;
    int readAt = -1;
    for (int b = 0; b < all.size(); b++) {
      if (all.breakpoint(b).isEmpty()) {
        continue;
      }
      for (int k = b; k >= 0 && k > b - LOOKBACK; k--) {
        if (alive(all.key(k))) {
          if (all.tokens()[k] > read) {
            read = all.tokens()[k];
            readAt = k;
          }
          break;
        }
      }
    }
    if (readAt >= 0) {
      refresh(all.key(readAt));
    }
    int writtenTo = read;
    int written1hTo = read;
    for (int b = 0; b < all.size(); b++) {
      Optional<Duration> ttl = all.breakpoint(b);
      if (ttl.isEmpty() || all.tokens()[b] < minTokens || all.tokens()[b] <= read) {
        continue;
      }
      store(all.key(b), ttl.get());
      writtenTo = all.tokens()[b];
      if (ttl.get().compareTo(ONE_HOUR) >= 0) {
        written1hTo = all.tokens()[b];
      }
    }
    return new CacheUse(read, writtenTo - written1hTo, written1hTo - read);
  }

  private boolean alive(Key key) {
    Stored entry = entries.get(key);
    if (entry == null) {
      return false;
    }
    if (entry.expiresAt() - nanoTime.getAsLong() <= 0) {
      entries.remove(key);
      return false;
    }
    return true;
  }

  /** A hit restarts the entry's lifetime, as Anthropic's cache refreshes on use. */
  private void refresh(Key key) {
    Stored entry = entries.get(key);
    if (entry != null) {
      entries.put(key, new Stored(nanoTime.getAsLong() + entry.ttlNanos(), entry.ttlNanos()));
    }
  }

  private void store(Key key, Duration ttl) {
    long ttlNanos = ttl.toNanos();
    Stored old = entries.get(key);
    long longest = old == null ? ttlNanos : Math.max(old.ttlNanos(), ttlNanos);
    entries.put(key, new Stored(nanoTime.getAsLong() + longest, longest));
  }

  /** The cumulative prefixes of one prompt: fingerprint and tokens through each segment. */
  private record Prefixes(
      String providerId, long[] fingerprints, int[] tokens, List<Prompt.Segment> segments) {
    int size() {
      return fingerprints.length;
    }

    Key key(int k) {
      return new Key(providerId, fingerprints[k]);
    }

    Optional<Duration> breakpoint(int k) {
      return segments.get(k).breakpoint();
    }
  }

  private record Key(String providerId, long prefix) {}

  private record Stored(long expiresAt, long ttlNanos) {}
}
