package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Optional;

/**
 * A client's JSON object body as it came, with where each top-level member lies, kept when the
 * bytes say exactly what the parsed tree says. An upstream of the client's format then gets these
 * bytes with a few top-level members changed ({@link OutgoingBody}) instead of the tree written out
 * again: for an agent's 100 KB conversation, writing the tree cost more than parsing it.
 *
 * <p>The tree keeps the last of two members of an object that share a name, and a provider may read
 * the first: the policy would have judged content the provider never reads and missed what it does.
 * So bytes with a repeated name anywhere are not kept ({@link #of} is empty), and such a body is
 * written from its tree as before.
 */
public final class SourceBytes {
  private final byte[] bytes;
  // Member i is bytes[starts[i], ends[i]): its name, the colon and its value.
  private final int[] starts;
  private final int[] ends;

  private SourceBytes(byte[] bytes, int[] starts, int[] ends) {
    this.bytes = bytes;
    this.starts = starts;
    this.ends = ends;
  }

  /**
   * The bytes {@code tree} was parsed from, unless a name repeats in one of their objects. {@code
   * bytes} must be the valid JSON object the tree was read from; they are not copied.
   */
  public static Optional<SourceBytes> of(byte[] bytes, ObjectNode tree) {
    Scan scan = new Scan(bytes, tree.size());
    scan.run();
    // Each member of every object has one colon outside a string; a repeated name is one member
    // fewer in the tree than colons in the bytes.
    if (scan.count != tree.size() || scan.colons != members(tree)) {
      return Optional.empty();
    }
    return Optional.of(new SourceBytes(bytes, scan.starts, scan.ends));
  }

  /** How many top-level members (the tree's properties, in the same order). */
  int members() {
    return starts.length;
  }

  /** The length of member {@code i} as it came: {@code "name": value}. */
  int memberLength(int i) {
    return ends[i] - starts[i];
  }

  /** Copies member {@code i} as it came into {@code to} at {@code at}. */
  void copyMember(int i, byte[] to, int at) {
    System.arraycopy(bytes, starts[i], to, at, ends[i] - starts[i]);
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  private static long members(JsonNode node) {
    long count = node.isObject() ? node.size() : 0;
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        count += members(child);
      }
    }
    return count;
  }

  /** One pass over valid JSON: the top-level members' extents, and every colon outside strings. */
  private static final class Scan {
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

    // The index after the closing quote of a string whose content starts at i.
    private int afterString(int from) {
      int i = from;
      while (true) {
        byte b = bytes[i];
        if (b == '"') {
          return i + 1;
        }
        i += b == '\\' ? 2 : 1;
      }
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
