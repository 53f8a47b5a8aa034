package dev.switchboard.policy.detect;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The findings of the texts a scanner read lately, by the SHA-256 of each text and of the API key
 * that sent it. A coding agent sends its whole conversation with every turn, and all but the newest
 * parts were scanned the turn before: at about 25 us per KB, rescanning an 80 KB conversation cost
 * 2 ms a turn, where hashing it costs a tenth of that. Each key's texts are kept apart, so how fast
 * a request is scanned never tells one key what another sent. It holds no text: a digest (a
 * collision would have to break SHA-256) and the spans found, which hold no text either. Texts
 * under {@value #MIN_CHARS} characters cost little to scan and are not kept. Bounded; the least
 * recently used entry goes first; thread-safe.
 */
final class ScanCache {
  static final int MIN_CHARS = 256;
  static final int CAPACITY = 8_192;
  private static final int CHUNK_CHARS = 4_096;
  private static final ThreadLocal<Digest> DIGESTS = ThreadLocal.withInitial(Digest::new);

  private final int capacity;
  private final Map<Key, List<Finding>> entries;
  private long hits;

  ScanCache() {
    this(CAPACITY);
  }

  ScanCache(int capacity) {
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, List<Finding>> eldest) {
            return size() > ScanCache.this.capacity;
          }
        };
  }

  /**
   * The key {@code text} is kept under in {@code scope} (an API key's id: each key's texts apart);
   * null for a text too short to keep.
   */
  @Nullable Key keyOf(String scope, String text) {
    return text.length() < MIN_CHARS ? null : DIGESTS.get().of(scope, text);
  }

  /** The findings kept under {@code key}, if any. */
  synchronized @Nullable List<Finding> kept(Key key) {
    List<Finding> kept = entries.get(key);
    if (kept != null) {
      hits++;
    }
    return kept;
  }

  /**
   * Keeps the findings of a scan that read its text to the end (one that ran out of time threw);
   * nothing for a text without a key.
   */
  void keep(@Nullable Key key, List<Finding> findings) {
    if (key != null) {
      List<Finding> copy = List.copyOf(findings);
      synchronized (this) {
        entries.put(key, copy);
      }
    }
  }

  /** How many texts were answered from the cache (for tests). */
  synchronized long hits() {
    return hits;
  }

  synchronized int size() {
    return entries.size();
  }

  /** A SHA-256 digest as four longs. */
  record Key(long a, long b, long c, long d) {}

  /** One thread's digest and buffer. */
  private static final class Digest {
    private final MessageDigest sha256;
    private final byte[] chunk = new byte[2 * CHUNK_CHARS];

    Digest() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }

    Key of(String scope, String text) {
      // Lossless, so two (scope, text) pairs share a digest only if they are equal: the width and
      // the scope's length first, then every char as one byte when all are Latin-1 (most texts;
      // half the bytes to hash), else as its two (UTF-8 would map lone surrogates alike).
      byte[] digest = digest(scope, text, 1);
      if (digest == null) {
        digest = digest(scope, text, 2);
      }
      return new Key(word(digest, 0), word(digest, 8), word(digest, 16), word(digest, 24));
    }

    // Null when a char does not fit in width bytes.
    private byte @Nullable [] digest(String scope, String text, int width) {
      update(width + ":" + scope.length() + ':' + scope, 2);
      if (!update(text, width)) {
        sha256.reset();
        return null;
      }
      return sha256.digest();
    }

    private static long word(byte[] digest, int from) {
      long word = 0;
      for (int i = from; i < from + Long.BYTES; i++) {
        word = word << 8 | (digest[i] & 0xFF);
      }
      return word;
    }

    private boolean update(String text, int width) {
      for (int from = 0; from < text.length(); from += CHUNK_CHARS) {
        int to = Math.min(text.length(), from + CHUNK_CHARS);
        int at = 0;
        for (int i = from; i < to; i++) {
          char c = text.charAt(i);
          chunk[at++] = (byte) c;
          if (width == 2) {
            chunk[at++] = (byte) (c >>> 8);
          } else if (c > 0xFF) {
            return false;
          }
        }
        sha256.update(chunk, 0, at);
      }
      return true;
    }
  }
}
