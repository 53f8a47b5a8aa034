package dev.switchboard.policy.eval;

import dev.switchboard.policy.detect.FindingType;
import java.util.List;

/**
 * One corpus item: a text, the spans a perfect detector reports in it, and its group: {@code
 * <TYPE>.valid} for a positive, {@code <TYPE>.invalid} for a checksum- or rule-invalid look-alike
 * (no spans expected), {@code negative.<kind>} for a hard negative.
 */
public record LabelledText(String text, String group, List<Span> spans) {
  /** Suffix of the group of a look-alike that must not be accepted. */
  public static final String INVALID = ".invalid";

  /** An expected finding: {@code [start, end)} in UTF-16 offsets of the text. */
  public record Span(FindingType type, int start, int end) {}

  public LabelledText {
    spans = List.copyOf(spans);
    for (Span span : spans) {
      if (span.start() < 0 || span.end() > text.length() || span.end() <= span.start()) {
        throw new IllegalArgumentException("span outside its text: " + span);
      }
    }
  }

  /** Whether this item expects no finding at all. */
  public boolean negative() {
    return spans.isEmpty();
  }
}
