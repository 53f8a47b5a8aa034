package dev.switchboard.tokens;

import java.util.Arrays;

/**
 * The ranks of a tiktoken vocabulary: every token's bytes in one blob, and an open-addressing hash
 * table from a byte range to its rank. Immutable once built, so shared by all threads. Token {@code
 * r}'s bytes are {@code blob[offsets[r] .. offsets[r + 1])}.
 */
final class Vocabulary {
  /** What {@link #rank} answers for bytes that are no token. */
  static final int NONE = -1;

  // A slot holds rank + 1 in its low bits (0 = empty) and the top bits of the key's hash above,
  // so most probes that miss never touch the blob.
  private static final int RANK_BITS = 18;
  private static final int RANK_MASK = (1 << RANK_BITS) - 1;

  private static final byte[] SEXTETS = new byte[128];

  static {
    Arrays.fill(SEXTETS, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      SEXTETS[alphabet.charAt(i)] = (byte) i;
    }
  }

  private final byte[] blob;
  private final int[] offsets;
  private final int[] slots;
  private final int slotMask;
  private final int longest;
  // One- and two-byte ranges, the most frequent lookups, by direct index.
  private final int[] pairs;

  private Vocabulary(byte[] blob, int[] offsets) {
    this.blob = blob;
    this.offsets = offsets;
    int size = size();
    if (size >= RANK_MASK) {
      throw new IllegalStateException("a vocabulary of " + size + " tokens needs wider slots");
    }
    this.slots = new int[Integer.highestOneBit(size) * 4];
    this.slotMask = slots.length - 1;
    this.pairs = new int[1 << 16];
    Arrays.fill(pairs, NONE);
    int max = 0;
    for (int rank = 0; rank < size; rank++) {
      max = Math.max(max, offsets[rank + 1] - offsets[rank]);
    }
    this.longest = max;
    for (int rank = 0; rank < size; rank++) {
      int from = offsets[rank];
      if (offsets[rank + 1] - from == 2) {
        pairs[(blob[from] & 0xff) << 8 | blob[from + 1] & 0xff] = rank;
      }
      insert(rank, from, offsets[rank + 1]);
    }
  }

  /**
   * A vocabulary whose token {@code r} is {@code blob[offsets[r] .. offsets[r + 1])}; every single
   * byte must be a token, as byte-pair encoding needs.
   */
  static Vocabulary of(byte[] blob, int[] offsets) {
    Vocabulary vocabulary = new Vocabulary(blob, offsets);
    byte[] one = new byte[1];
    for (int b = 0; b < 256; b++) {
      one[0] = (byte) b;
      if (vocabulary.rank(one, 0, 1) == NONE) {
        throw new IllegalStateException("byte " + b + " is not a token");
      }
    }
    return vocabulary;
  }

  /**
   * Parses a {@code .tiktoken} file, one {@code <base64 bytes> <rank>} line per token, whose ranks
   * must be 0, 1, 2 and so on in line order (true of every OpenAI vocabulary).
   */
  static Vocabulary parse(byte[] file) {
    // Base64 makes 3 bytes of 4 characters: the blob is at most 3/4 of the file.
    byte[] blob = new byte[file.length / 4 * 3 + 3];
    // Lines average 18 bytes in OpenAI's files: a guess that needs no pass of its own to count.
    int[] offsets = new int[file.length / 16 + 2];
    int size = 0;
    int at = 0;
    while (at < file.length) {
      int space = indexOf(file, (byte) ' ', at);
      int end = indexOf(file, (byte) '\n', space);
      int rank = parseRank(file, space + 1, end);
      if (rank != size) {
        throw new IllegalStateException("rank " + rank + " on line " + (size + 1));
      }
      if (size + 2 > offsets.length) {
        offsets = Arrays.copyOf(offsets, offsets.length * 2);
      }
      offsets[size + 1] = decodeBase64(file, at, space, blob, offsets[size]);
      size++;
      at = end + 1;
    }
    return of(Arrays.copyOf(blob, offsets[size]), Arrays.copyOf(offsets, size + 1));
  }

  private static int indexOf(byte[] file, byte wanted, int from) {
    for (int i = from; i < file.length; i++) {
      if (file[i] == wanted) {
        return i;
      }
    }
    if (wanted == '\n') {
      return file.length;
    }
    throw new IllegalStateException("a line without a rank at byte " + from);
  }

  private static int parseRank(byte[] file, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int digit = file[i] - '0';
      if (digit < 0 || digit > 9 || i - from > 8) {
        throw new IllegalStateException("a bad rank at byte " + from);
      }
      value = value * 10 + digit;
    }
    if (to == from) {
      throw new IllegalStateException("a bad rank at byte " + from);
    }
    return value;
  }

  /** Decodes standard padded base64 {@code text[from .. to)} into {@code out} at {@code at}. */
  private static int decodeBase64(byte[] text, int from, int to, byte[] out, int at) {
    int bits = 0;
    int count = 0;
    for (int i = from; i < to; i++) {
      int c = text[i];
      if (c == '=') {
        break;
      }
      bits = bits << 6 | sextet(c, i);
      count += 6;
      if (count >= 8) {
        count -= 8;
        out[at++] = (byte) (bits >>> count);
      }
    }
    return at;
  }

  private static int sextet(int c, int at) {
    int value = c >= 0 && c < 128 ? SEXTETS[c] : -1;
    if (value < 0) {
      throw new IllegalStateException("a bad base64 character at byte " + at);
    }
    return value;
  }

  int size() {
    return offsets.length - 1;
  }

  /** The rank of {@code bytes[from .. to)}, or {@link #NONE}. */
  int rank(byte[] bytes, int from, int to) {
    int length = to - from;
    if (length == 2) {
      return pairs[(bytes[from] & 0xff) << 8 | bytes[from + 1] & 0xff];
    }
    if (length > longest) {
      return NONE;
    }
    int hash = hash(bytes, from, to);
    int tag = hash & ~RANK_MASK;
    for (int slot = hash & slotMask; ; slot = (slot + 1) & slotMask) {
      int entry = slots[slot];
      if (entry == 0) {
        return NONE;
      }
      if ((entry & ~RANK_MASK) == tag) {
        int rank = (entry & RANK_MASK) - 1;
        int start = offsets[rank];
        if (Arrays.equals(blob, start, offsets[rank + 1], bytes, from, to)) {
          return rank;
        }
      }
    }
  }

  private void insert(int rank, int from, int to) {
    int hash = hash(blob, from, to);
    int tag = hash & ~RANK_MASK;
    int slot = hash & slotMask;
    for (int entry; (entry = slots[slot]) != 0; slot = (slot + 1) & slotMask) {
      int other = (entry & RANK_MASK) - 1;
      if ((entry & ~RANK_MASK) == tag
          && Arrays.equals(blob, offsets[other], offsets[other + 1], blob, from, to)) {
        throw new IllegalStateException("tokens " + other + " and " + rank + " are the same");
      }
    }
    slots[slot] = tag | (rank + 1);
  }

  /** FNV-1a over the bytes, then murmur's finalizer so that both ends of the hash are mixed. */
  private static int hash(byte[] bytes, int from, int to) {
    int h = 0x811c9dc5;
    for (int i = from; i < to; i++) {
      h = (h ^ (bytes[i] & 0xff)) * 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }
}
