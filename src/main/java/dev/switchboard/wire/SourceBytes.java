package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object body as it came (a client's request, a provider's answer), with where each
 * top-level member lies, kept when the bytes say exactly what the parsed tree says. It is then
 * relayed as these bytes with a few top-level members changed ({@link OutgoingBody}) instead of the
 * tree written out again: for an agent's 100 KB conversation, writing the tree cost more than
 * parsing it.
 *
 * <p>The tree keeps the last of two members of an object that share a name, and the reader may read
 * the first: the policy would have judged content a provider never reads and missed what it does,
 * the ledger would have billed an answer's usage the client does not see. So bytes with a repeated
 * name anywhere are not used ({@link #members} is empty), and such a body is written from its tree
 * as before. The bytes are read for that on the first use only: a request sent to a provider of
 * another format never pays for it.
 */
public final class SourceBytes {
  private final byte[] bytes;
  private final ObjectNode tree;
  // Read once; a request stays on one event loop, and a race would only read them twice.
  private boolean read;
  private @Nullable Members members;

  private SourceBytes(byte[] bytes, ObjectNode tree) {
    this.bytes = bytes;
    this.tree = tree;
  }

  /**
   * The bytes {@code tree} was parsed from: the valid JSON object itself, not copied and not read
   * until {@link #members} is asked for.
   */
  public static SourceBytes of(byte[] bytes, ObjectNode tree) {
    return new SourceBytes(bytes, tree);
  }

  /** The object the bytes were parsed into. */
  ObjectNode tree() {
    return tree;
  }

  /** Where each top-level member lies, unless a name repeats in one of the objects. */
  Optional<Members> members() {
    if (!read) {
      members = read();
      read = true;
    }
    return Optional.ofNullable(members);
  }

  private @Nullable Members read() {
    Scan scan = new Scan(bytes, tree.size());
    scan.run();
    // Each member of every object has one colon outside a string; a repeated name is one member
    // fewer in the tree than colons in the bytes.
    if (scan.count != tree.size() || scan.colons != members(tree)) {
      return null;
    }
    return new Members(bytes, scan.starts, scan.ends);
  }

  /** The top-level members as they came, in the tree's order. */
  static final class Members {
    private final byte[] bytes;
    // Member i is bytes[starts[i], ends[i]): its name, the colon and its value.
    private final int[] starts;
    private final int[] ends;

    private Members(byte[] bytes, int[] starts, int[] ends) {
      this.bytes = bytes;
      this.starts = starts;
      this.ends = ends;
    }

    /** The members of an object the gateway wrote itself (so no name twice). */
    static Members of(byte[] json) {
      Scan scan = new Scan(json, 4);
      scan.run();
      return new Members(json, scan.starts, scan.ends);
    }

    int count() {
      return starts.length;
    }

    /** The length of member {@code i} as it came: {@code "name": value}. */
    int length(int i) {
      return ends[i] - starts[i];
    }

    /** Copies member {@code i} as it came into {@code to} at {@code at}. */
    void copy(int i, byte[] to, int at) {
      System.arraycopy(bytes, starts[i], to, at, ends[i] - starts[i]);
    }
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  // Members of every object in the tree; only containers are visited (a leaf has none).
  private static long members(JsonNode container) {
    long count = container.isObject() ? container.size() : 0;
    for (JsonNode child : container) {
      if (child.isContainerNode()) {
        count += members(child);
      }
    }
    return count;
  }

  /** One pass over valid JSON: the top-level members' extents, and every colon outside strings. */
  private static final class Scan {
    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';

    private final byte[] bytes;
    private int[] starts;
    private int[] ends;
    private int count;
    private long colons;

    Scan(byte[] bytes, int expected) {
      this.bytes = bytes;
      this.starts = new int[Math.max(1, expected)];
      this.ends = new int[Math.max(1, expected)];
    }

    void run() {
      int depth = 0;
      int memberStart = -1;
      int i = 0;
      int n = bytes.length;
      while (i < n) {
        byte b = bytes[i];
        if (b == '"') {
          if (depth == 1 && memberStart < 0) {
            memberStart = i;
          }
          i = afterString(i + 1);
          continue;
        }
        switch (b) {
          case '{', '[' -> depth++;
          case '}', ']' -> {
            if (depth == 1 && memberStart >= 0) {
              end(memberStart, i);
              memberStart = -1;
            }
            depth--;
          }
          case ',' -> {
            if (depth == 1) {
              end(memberStart, i);
              memberStart = -1;
            }
          }
          case ':' -> colons++;
          default -> {}
        }
        i++;
      }
      starts = Arrays.copyOf(starts, count);
      ends = Arrays.copyOf(ends, count);
    }

    // The index after the closing quote of a string whose content starts at from. A quote is the
    // closing one unless an odd run of backslashes stands before it (\\" ends the string, \" does
    // not), so the other escapes (an agent's code is full of \n) never stop the word search.
    private int afterString(int from) {
      int i = from;
      while (true) {
        i = quote(i);
        int backslash = i;
        while (backslash > from && bytes[backslash - 1] == '\\') {
          backslash--;
        }
        if (((i - backslash) & 1) == 0) {
          return i + 1;
        }
        i++;
      }
    }

    // The first '"' at or after i, eight bytes at a time: most of an agent's request is the inside
    // of strings, and a byte at a time that took 4 cycles a byte.
    private int quote(int from) {
      int i = from;
      for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
        long quotes = (long) LONGS.get(bytes, i) ^ QUOTES;
        // A zero byte is a match; the lowest bit found is always a true one.
        long found = (quotes - ONES) & ~quotes & HIGHS;
        if (found != 0) {
          return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
      }
      while (bytes[i] != '"') {
        i++;
      }
      return i;
    }

    // A member from its name's quote to before the delimiter at i, less trailing whitespace.
    private void end(int start, int delimiter) {
      int end = delimiter;
      while (end > start && isWhitespace(bytes[end - 1])) {
        end--;
      }
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
      }
      starts[count] = start;
      ends[count] = end;
      count++;
    }
  }
}
