package dev.switchboard.policy.detect;

/**
 * One detected span: {@code [start, end)} in character (UTF-16) offsets of the scanned text. It
 * holds no matched text, so logging or serialising it cannot leak what was found.
 */
public record Finding(FindingType type, int start, int end) {
  public Finding {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }

  boolean overlaps(Finding other) {
    return start < other.end && other.start < end;
  }

  @Override
  public String toString() {
    return type + "[" + start + "," + end + ")";
  }
}
