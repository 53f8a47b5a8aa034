package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prompt caching as OpenAI reports it: when the messages before the last one start with a prefix
 * this provider has seen, and that prefix is at least 1024 tokens, the cached tokens are the prefix
 * rounded down to a multiple of 128. Remembers at most 10,000 prefixes (LRU). Thread-safe.
 */
final class PromptCache {
  static final int MIN_TOKENS = 1024;
  static final int BLOCK = 128;
  private static final int CAPACITY = 10_000;

  private final Map<Key, Boolean> seen =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
          return size() > CAPACITY;
        }
      };

  /** The cached tokens of this request; then remembers all of its prefixes for later requests. */
  synchronized int cachedTokens(String providerId, List<JsonNode> messages) {
    long[] prefixes = new long[messages.size()];
    long h = Fingerprint.START;
    for (int i = 0; i < messages.size(); i++) {
      h = Fingerprint.extend(h, Json.string(messages.get(i)));
      prefixes[i] = h;
    }
    int hit = longestSeenPrefix(providerId, prefixes);
    for (long prefix : prefixes) {
      seen.put(new Key(providerId, prefix), Boolean.TRUE);
    }
    int tokens = Tokenizer.messagesTokens(messages.subList(0, hit));
    return tokens >= MIN_TOKENS ? tokens / BLOCK * BLOCK : 0;
  }

  /** How many leading messages, short of the last one, form a prefix seen before (0 if none). */
  private int longestSeenPrefix(String providerId, long[] prefixes) {
    for (int k = prefixes.length - 1; k >= 1; k--) {
      if (seen.get(new Key(providerId, prefixes[k - 1])) != null) {
        return k;
      }
    }
    return 0;
  }

  private record Key(String providerId, long prefix) {}
}
