package dev.switchboard.policy.eval;

import dev.switchboard.policy.detect.Finding;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an {@link Evaluation} measured: per finding type the expected spans, the findings, and how
 * many of each matched; texts expecting nothing that got a finding; and checksum-invalid
 * look-alikes (groups {@code <TYPE>.invalid}) accepted as their type.
 */
public record EvalReport(
    List<TypeScore> types,
    int texts,
    int negatives,
    int falsePositiveTexts,
    Map<String, Integer> invalidTexts,
    Map<String, Integer> acceptedInvalid) {

  /**
   * One finding type: {@code expected} labelled spans, of which {@code recalled} were found; {@code
   * found} findings, of which {@code correct} matched a labelled span.
   */
  public record TypeScore(String type, int expected, int recalled, int found, int correct) {
    /** Correct findings over all findings; 1 when there were none. */
    public double precision() {
      return found == 0 ? 1.0 : (double) correct / found;
    }

    /** Recalled spans over expected spans; 1 when none were expected. */
    public double recall() {
      return expected == 0 ? 1.0 : (double) recalled / expected;
    }

    /** F-beta with beta 2: recall weighs four times precision. */
    public double f2() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
    }
  }

  public EvalReport {
    types = List.copyOf(types);
    invalidTexts = Map.copyOf(invalidTexts);
    acceptedInvalid = Map.copyOf(acceptedInvalid);
  }

  public Optional<TypeScore> type(String name) {
    return types.stream().filter(t -> t.type().equals(name)).findFirst();
  }

  /** Texts expecting nothing that got a finding, as a fraction of those texts. */
  public double falsePositiveRate() {
    return negatives == 0 ? 0 : (double) falsePositiveTexts / negatives;
  }

  /** Look-alikes of {@code type} (group {@code <type>.invalid}) reported as {@code type}. */
  public int acceptedInvalid(String type) {
    return acceptedInvalid.getOrDefault(type, 0);
  }

  /** The report as a table, one line per type, then the negatives and the invalid look-alikes. */
  public void print(PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%-14s %8s %8s %9s %7s %7s%n",
        "type",
        "expected",
        "found",
        "precision",
        "recall",
        "F2");
    for (TypeScore t : types) {
      out.printf(
          Locale.ROOT,
          "%-14s %8d %8d %9.4f %7.4f %7.4f%n",
          t.type(),
          t.expected(),
          t.found(),
          t.precision(),
          t.recall(),
          t.f2());
    }
    out.printf(
        Locale.ROOT,
        "texts: %d; false positives: %d of %d negative texts (%.2f%%)%n",
        texts,
        falsePositiveTexts,
        negatives,
        100 * falsePositiveRate());
    for (Map.Entry<String, Integer> invalid : new TreeMap<>(invalidTexts).entrySet()) {
      out.printf(
          Locale.ROOT,
          "checksum-invalid %s accepted: %d of %d%n",
          invalid.getKey(),
          acceptedInvalid(invalid.getKey()),
          invalid.getValue());
    }
    out.flush();
  }

  /** Accumulates one text at a time. */
  static final class Builder {
    private final Map<String, int[]> scores = new TreeMap<>(); // expected, recalled, found, correct
    private final Map<String, Integer> invalidTexts = new TreeMap<>();
    private final Map<String, Integer> acceptedInvalid = new TreeMap<>();
    private int texts;
    private int negatives;
    private int falsePositiveTexts;

    void add(LabelledText item, List<Finding> findings) {
      texts++;
      for (LabelledText.Span span : item.spans()) {
        int[] score = score(span.type().name());
        score[0]++;
        score[1] += findings.stream().anyMatch(f -> Evaluation.matches(f, span)) ? 1 : 0;
      }
      for (Finding finding : findings) {
        int[] score = score(finding.type().name());
        score[2]++;
        score[3] += item.spans().stream().anyMatch(s -> Evaluation.matches(finding, s)) ? 1 : 0;
      }
      if (item.negative()) {
        negatives++;
        falsePositiveTexts += findings.isEmpty() ? 0 : 1;
      }
      if (item.group().endsWith(LabelledText.INVALID)) {
        String type =
            item.group().substring(0, item.group().length() - LabelledText.INVALID.length());
        invalidTexts.merge(type, 1, Integer::sum);
        if (findings.stream().anyMatch(f -> f.type().name().equals(type))) {
          acceptedInvalid.merge(type, 1, Integer::sum);
        }
      }
    }

    private int[] score(String type) {
      return scores.computeIfAbsent(type, t -> new int[4]);
    }

    EvalReport build() {
      List<TypeScore> types =
          scores.entrySet().stream()
              .map(
                  e ->
                      new TypeScore(
                          e.getKey(),
                          e.getValue()[0],
                          e.getValue()[1],
                          e.getValue()[2],
                          e.getValue()[3]))
              .toList();
      return new EvalReport(
          types, texts, negatives, falsePositiveTexts, invalidTexts, acceptedInvalid);
    }
  }
}
