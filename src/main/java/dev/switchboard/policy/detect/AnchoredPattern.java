package dev.switchboard.policy.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * A built-in detector's RE2J pattern, the authority on what the detector finds: the detector's
 * hand-written prefilter only proposes where a match could start, and this pattern, anchored there,
 * says whether one does and where it ends. It reads a window of the text from one character before
 * the start (so a {@code \b} there sees its context) up to a limit the caller gives, which must lie
 * past the furthest character a match from that start could take (one more for a {@code \b} at the
 * end). Leftmost-first semantics make the match the same as a search over the whole text finds
 * starting there. Compiled once; safe to share between threads.
 */
final class AnchoredPattern {
  private final Pattern pattern;
  private final Pattern atTextStart;
  private final Pattern afterContext;

  AnchoredPattern(String regex) {
    this.pattern = Pattern.compile(regex);
    this.atTextStart = Pattern.compile("^(?:" + regex + ")");
    // One character of context, consumed and then not reported: RE2J has no match-at-offset.
    this.afterContext = Pattern.compile("^(?s:.)(?:" + regex + ")");
  }

  /** The pattern as written, unanchored: what a search over a whole text uses. */
  Pattern pattern() {
    return pattern;
  }

  /**
   * The end of the match starting exactly at {@code start}, reading no further than {@code limit},
   * or -1 if none starts there. Only the span: asking RE2J for groups would run the match again.
   */
  int end(String text, int start, int limit) {
    int from = start > 0 ? start - 1 : start;
    Matcher m = matcher(text, start, limit);
    return m.lookingAt() ? from + m.end() : -1;
  }

  private Matcher matcher(String text, int start, int limit) {
    int from = start > 0 ? start - 1 : start;
    String window = text.substring(from, Math.min(text.length(), limit));
    return (start > 0 ? afterContext : atTextStart).matcher(window);
  }
}
