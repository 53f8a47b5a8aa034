package dev.switchboard.tokens;

import java.util.Arrays;

/**
 * Byte-pair merging of one piece at a time, counting the tokens it ends with: the adjacent pair of
 * lowest rank merges first, the leftmost of equal ranks, until no pair is a token (tiktoken's and
 * jtokkit's order). Holds scratch arrays that grow to the longest piece seen, so it allocates
 * nothing per merge. Single-threaded: one per count.
 */
final class Merges {
  // Past this many bytes, finding the lowest pair by a scan of all of them (quadratic) costs more
  // than keeping them in a heap.
  private static final int SCAN_LIMIT = 128;
  private static final int NO_PAIR = Integer.MAX_VALUE;

  private final Vocabulary vocabulary;
  private int[] starts = new int[64];
  private int[] ranks = new int[64];
  private int[] next = new int[0];
  private int[] previous = new int[0];
  private long[] heap = new long[0];

  Merges(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /** The number of tokens {@code bytes[0 .. length)} encodes to. */
  int count(byte[] bytes, int length) {
    if (length <= 1 || vocabulary.rank(bytes, 0, length) != Vocabulary.NONE) {
      return length == 0 ? 0 : 1;
    }
    return length <= SCAN_LIMIT ? byScan(bytes, length) : byHeap(bytes, length);
  }

  /**
   * Parts {@code 0 .. parts - 1} start at {@code starts[i]} (with {@code starts[parts] = length});
   * {@code ranks[i]} is the rank of part {@code i} joined with part {@code i + 1}. A merge removes
   * an entry by shifting the rest down, as tiktoken does: cheap while pieces are short.
   */
  private int byScan(byte[] bytes, int length) {
    if (starts.length <= length) {
      starts = new int[length * 2];
      ranks = new int[length * 2];
    }
    int[] starts = this.starts;
    int[] ranks = this.ranks;
    for (int i = 0; i <= length; i++) {
      starts[i] = i;
    }
    for (int i = 0; i < length - 1; i++) {
      ranks[i] = pairRank(bytes, i, i + 2);
    }
    int parts = length;
    while (true) {
      int lowest = NO_PAIR;
      int at = -1;
      for (int i = 0; i < parts - 1; i++) {
        if (ranks[i] < lowest) {
          lowest = ranks[i];
          at = i;
        }
      }
      if (at < 0) {
        return parts;
      }
      // Part at + 1 joins part at: drop its start and its pair.
      System.arraycopy(starts, at + 2, starts, at + 1, parts - at - 1);
      System.arraycopy(ranks, at + 2, ranks, at + 1, Math.max(0, parts - at - 3));
      parts--;
      ranks[at] = at + 2 <= parts ? pairRank(bytes, starts[at], starts[at + 2]) : NO_PAIR;
      if (at > 0) {
        ranks[at - 1] = pairRank(bytes, starts[at - 1], starts[at + 1]);
      }
    }
  }

  /**
   * The same merges for long pieces: parts form a linked list by start byte, and a binary heap of
   * (rank, start) gives the lowest, leftmost pair. An entry whose part has merged or whose rank has
   * changed since is stale and skipped when it comes up.
   */
  private int byHeap(byte[] bytes, int length) {
    if (next.length <= length) {
      // Exactly what this piece needs: few texts have more than one piece this long.
      next = new int[length + 1];
      previous = new int[length + 1];
      ranks = new int[Math.max(ranks.length, length + 1)];
      heap = new long[length];
    }
    int[] rank = this.ranks;
    int size = 0;
    for (int i = 0; i < length; i++) {
      next[i] = i + 1;
      previous[i] = i - 1;
      rank[i] = i + 2 <= length ? pairRank(bytes, i, i + 2) : NO_PAIR;
      if (rank[i] != NO_PAIR) {
        heap[size++] = key(rank[i], i);
      }
    }
    for (int i = size / 2 - 1; i >= 0; i--) {
      siftDown(i, size);
    }
    int parts = length;
    while (size > 0) {
      long top = heap[0];
      heap[0] = heap[--size];
      siftDown(0, size);
      int at = (int) top;
      if (rank[at] != (int) (top >>> 32)) {
        continue; // merged away (its rank is then NO_PAIR) or re-ranked since
      }
      int joined = next[at];
      int after = next[joined];
      next[at] = after;
      if (after < length) {
        previous[after] = at;
      }
      rank[joined] = NO_PAIR;
      parts--;
      rank[at] = after < length ? pairRank(bytes, at, next[after]) : NO_PAIR;
      size = push(rank[at], at, size);
      int before = previous[at];
      if (before >= 0) {
        rank[before] = pairRank(bytes, before, after);
        size = push(rank[before], before, size);
      }
    }
    return parts;
  }

  /** The rank of {@code bytes[from .. to)} as one token, or {@link #NO_PAIR}. */
  private int pairRank(byte[] bytes, int from, int to) {
    int rank = vocabulary.rank(bytes, from, to);
    return rank == Vocabulary.NONE ? NO_PAIR : rank;
  }

  private static long key(int rank, int start) {
    return (long) rank << 32 | start;
  }

  private int push(int rank, int start, int size) {
    if (rank == NO_PAIR) {
      return size;
    }
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    long key = key(rank, start);
    int i = size;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] <= key) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = key;
    return size + 1;
  }

  private void siftDown(int from, int size) {
    long[] heap = this.heap;
    long key = heap[from];
    int i = from;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && heap[child + 1] < heap[child]) {
        child++;
      }
      if (heap[child] >= key) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = key;
  }
}
