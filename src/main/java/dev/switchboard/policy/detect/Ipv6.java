package dev.switchboard.policy.detect;

/** A cheap RFC 4291 text-form check, strict enough to tell addresses from clock times and C++. */
final class Ipv6 {
  /**
   * Fewer hex digits than this is noise ("a::b", "::1", "12:30"), not an address worth flagging.
   */
  private static final int MIN_HEX_DIGITS = 4;

  private Ipv6() {}

  static boolean valid(String text, int start, int end) {
    String s = text.substring(start, end);
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    int lastColon = s.lastIndexOf(':');
    int groupsNeeded = 8;
    String head = s;
    if (s.indexOf('.', lastColon) >= 0) {
      if (!NetworkDetectors.validIpv4(s, lastColon + 1, s.length())) {
        return false;
      }
      groupsNeeded = 6;
      head = s.substring(0, lastColon + 1); // "::" stays, a single trailing ':' goes
      head = head.endsWith("::") ? head : head.substring(0, lastColon);
    }
    if (head.indexOf('.') >= 0) {
      return false;
    }
    return groupsValid(head, groupsNeeded, doubleColon >= 0);
  }

  private static boolean groupsValid(String head, int groupsNeeded, boolean compressed) {
    String[] halves = compressed ? splitOnce(head) : new String[] {head, ""};
    int groups = 0;
    int hexDigits = 0;
    for (String half : halves) {
      if (half.isEmpty()) {
        continue;
      }
      int from = 0;
      while (from <= half.length()) {
        int colon = half.indexOf(':', from);
        int to = colon < 0 ? half.length() : colon;
        if (to == from || to - from > 4) {
          return false;
        }
        groups++;
        hexDigits += to - from;
        from = to + 1;
      }
    }
    boolean countOk = compressed ? groups < groupsNeeded : groups == groupsNeeded;
    return countOk && (hexDigits >= MIN_HEX_DIGITS || groupsNeeded == 6);
  }

  private static String[] splitOnce(String head) {
    int at = head.indexOf("::");
    return new String[] {head.substring(0, at), head.substring(at + 2)};
  }
}
