package dev.switchboard.policy.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns raw findings into the reported list: sorted by start, one finding per span of a type, and
 * where two built-in findings overlap only the more specific type (then the longer span) stays.
 * Custom findings compete only with findings of the same custom type.
 */
final class Overlaps {
  private static final Comparator<Finding> PREFERRED =
      Comparator.comparingInt((Finding f) -> -f.type().specificity())
          .thenComparingInt(f -> -(f.end() - f.start()))
          .thenComparingInt(Finding::start);

  private Overlaps() {}

  private static final Comparator<Finding> REPORTED =
      Comparator.comparingInt(Finding::start)
          .thenComparingInt(Finding::end)
          .thenComparing(f -> f.type().name());

  static List<Finding> resolve(List<Finding> raw) {
    List<Finding> sorted = new ArrayList<>(raw);
    sorted.sort(REPORTED);
    if (disjoint(sorted)) {
      return List.copyOf(sorted); // the usual case: nothing competes, nothing to drop
    }
    List<Finding> candidates = new ArrayList<>(raw);
    candidates.sort(PREFERRED);
    // Accepted spans per competition group, non-overlapping, keyed by start: O(log n) per check.
    Map<String, TreeMap<Integer, Finding>> accepted = new HashMap<>();
    List<Finding> kept = new ArrayList<>();
    for (Finding finding : candidates) {
      String group = finding.type().isCustom() ? finding.type().name() : "";
      TreeMap<Integer, Finding> spans = accepted.computeIfAbsent(group, g -> new TreeMap<>());
      if (!overlapsAny(spans, finding)) {
        spans.put(finding.start(), finding);
        kept.add(finding);
      }
    }
    kept.sort(REPORTED);
    return List.copyOf(kept);
  }

  private static boolean disjoint(List<Finding> sorted) {
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).end() > sorted.get(i).start()) {
        return false;
      }
    }
    return true;
  }

  private static boolean overlapsAny(TreeMap<Integer, Finding> spans, Finding finding) {
    Map.Entry<Integer, Finding> before = spans.floorEntry(finding.start());
    if (before != null && before.getValue().overlaps(finding)) {
      return true;
    }
    Map.Entry<Integer, Finding> after = spans.higherEntry(finding.start());
    return after != null && after.getValue().overlaps(finding);
  }
}
