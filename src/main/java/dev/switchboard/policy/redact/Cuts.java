package dev.switchboard.policy.redact;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The replacements in one text: non-overlapping {@code [start, end)} spans and what replaces each.
 * The spans of findings come first; every further occurrence of a known value is added where it
 * overlaps none of them (a sweep), so a value is replaced wherever it appears.
 */
final class Cuts {
  /** One replacement; an empty {@code replacement} removes the rest of a value split in parts. */
  record Cut(int start, int end, String replacement) {}

  private final TreeMap<Integer, Cut> accepted = new TreeMap<>();

  Cuts(List<Cut> fixed) {
    for (Cut cut : fixed) {
      accepted.put(cut.start(), cut);
    }
  }

  /**
   * Adds each occurrence of a form in {@code text[from, to)} that starts and ends on a boundary and
   * overlaps no replacement already there; leftmost first, the longest form where several start at
   * one position.
   */
  void sweep(String text, FormIndex forms, int from, int to, IntPredicate boundary) {
    if (forms.isEmpty()) {
      return;
    }
    int i = from;
    while (i < to) {
      int end = match(text, forms.longAt(text, i), i, to, boundary);
      if (end < 0) {
        end = match(text, forms.singleAt(text, i), i, to, boundary);
      }
      i = end < 0 ? i + 1 : end;
    }
  }

  /** Accepts the first (longest) of {@code candidates} found at {@code at}; its end, or -1. */
  private int match(
      String text, List<Vault.Form> candidates, int at, int to, IntPredicate boundary) {
    for (Vault.Form form : candidates) {
      int end = at + form.text().length();
      if (end <= to
          && text.startsWith(form.text(), at)
          && boundary.test(at)
          && boundary.test(end)
          && isFree(at, end)) {
        accepted.put(at, new Cut(at, end, form.placeholder()));
        return end;
      }
    }
    return -1;
  }

  private boolean isFree(int start, int end) {
    Map.Entry<Integer, Cut> before = accepted.floorEntry(start);
    if (before != null && before.getValue().end() > start) {
      return false;
    }
    Map.Entry<Integer, Cut> after = accepted.higherEntry(start);
    return after == null || after.getValue().start() >= end;
  }

  /** The number of placeholders written (removed remainders not counted). */
  int placeholders() {
    int count = 0;
    for (Cut cut : accepted.values()) {
      if (!cut.replacement().isEmpty()) {
        count++;
      }
    }
    return count;
  }

  String apply(String text) {
    if (accepted.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Cut cut : accepted.values()) {
      out.append(text, at, cut.start()).append(cut.replacement());
      at = cut.end();
    }
    return out.append(text, at, text.length()).toString();
  }
}
