package dev.switchboard.insight.category;

/**
 * A filter of the literal beginnings of a set of words (their first three characters, or fewer for
 * a shorter word): whether a word may begin at a place of a text, in one or two look-ups of a
 * 512-byte table that stays in the processor's cache. False positives are possible, false negatives
 * not. Walking the trie at every word start missed the cache on the gateway's event loop, where the
 * classifier's tables compete with everything else: most word starts begin no rule.
 */
final class Beginnings {
  private static final int PREFIX = 3;
  private static final int BITS = 4096;

  private final long[] bits = new long[BITS / Long.SIZE];
  // Whether some word is shorter than PREFIX, by length: then that shorter prefix is checked too.
  private final boolean[] shortWords = new boolean[PREFIX];

  /** Adds the beginning of {@code literal} (not empty). */
  void add(String literal) {
    int length = Math.min(PREFIX, literal.length());
    if (length < PREFIX) {
      shortWords[length] = true;
    }
    int slot = slot(literal, 0, length);
    bits[slot >>> 6] |= 1L << slot;
  }

  /** Whether a word added may begin at {@code start} of {@code text}. */
  boolean mayBeginAt(String text, int start) {
    int available = Math.min(PREFIX, text.length() - start);
    for (int length = 1; length < available; length++) {
      if (shortWords[length] && has(slot(text, start, length))) {
        return true;
      }
    }
    return (available == PREFIX || shortWords[available]) && has(slot(text, start, available));
  }

  private boolean has(int slot) {
    return (bits[slot >>> 6] & 1L << slot) != 0;
  }

  private static int slot(String text, int start, int length) {
    int hash = length;
    for (int i = start; i < start + length; i++) {
      hash = hash * 31 + text.charAt(i);
    }
    hash *= 0x9E3779B9; // spread the low bits, which the slot keeps
    return hash >>> (Integer.SIZE - 12);
  }
}
