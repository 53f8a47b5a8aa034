package dev.switchboard.autoroute;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Out-of-fold scores: a benchmark's prompts are only ever scored by a model that never saw their
 * labels. Two protocols: {@link Protocol#FOLDS} (5 folds; MMLU's grouped by subject, so a subject
 * is scored by a model that never saw any of it; the model trains on every other labelled prompt,
 * other benchmarks included) and {@link Protocol#CROSS_BENCHMARK} (trained on the other two
 * benchmarks only: the prompt distribution itself is new).
 */
final class CrossValidation {
  static final int FOLDS = 5;

  /** How a benchmark's prompts are held out. */
  enum Protocol {
    FOLDS("5-fold"),
    CROSS_BENCHMARK("cross-benchmark");

    final String label;

    Protocol(String label) {
      this.label = label;
    }
  }

  private CrossValidation() {}

  /** The scores of {@code benchmark}'s rows (in their order) under {@code protocol}. */
  static double[] scores(Approach approach, List<Row> rows, String benchmark, Protocol protocol) {
    int[] fold = folds(rows);
    List<Integer> members = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).example().benchmark().equals(benchmark)) {
        members.add(i);
      }
    }
    double[] out = new double[rows.size()];
    int rounds = protocol == Protocol.FOLDS ? FOLDS : 1;
    for (int k = 0; k < rounds; k++) {
      List<Row> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        boolean held =
            rows.get(i).example().benchmark().equals(benchmark)
                && (protocol == Protocol.CROSS_BENCHMARK || fold[i] == k);
        if (held) {
          test.add(i);
        } else if (protocol == Protocol.FOLDS
            || !rows.get(i).example().benchmark().equals(benchmark)) {
          train.add(rows.get(i));
        }
      }
      Head head = approach.fit(train);
      test.parallelStream().forEach(i -> out[i] = head.score(rows.get(i)));
    }
    return members.stream().mapToDouble(i -> out[i]).toArray();
  }

  /** Each row's fold: MMLU by subject (sorted, dealt round-robin), others by a seeded shuffle. */
  static int[] folds(List<Row> rows) {
    int[] fold = new int[rows.size()];
    List<String> subjects = new ArrayList<>(new TreeSet<>(groups(rows)));
    Random random = new Random(13);
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Example example = rows.get(i).example();
      if (example.benchmark().equals(RouteLlmData.MMLU)) {
        fold[i] = subjects.indexOf(example.group()) % FOLDS;
      } else {
        others.add(i);
      }
    }
    java.util.Collections.shuffle(others, random);
    for (int position = 0; position < others.size(); position++) {
      fold[others.get(position)] = position % FOLDS;
    }
    return fold;
  }

  private static List<String> groups(List<Row> rows) {
    return rows.stream()
        .map(Row::example)
        .filter(e -> e.benchmark().equals(RouteLlmData.MMLU))
        .map(Example::group)
        .toList();
  }
}
