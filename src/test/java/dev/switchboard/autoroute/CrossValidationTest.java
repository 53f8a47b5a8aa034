package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.autoroute.CrossValidation.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
  private final List<Row> rows = rows();

  @Test
  void aSubjectLivesInOneFoldAndEveryFoldIsUsed() {
    int[] fold = CrossValidation.folds(rows);
    Map<String, Set<Integer>> foldsOfSubject = new HashMap<>();
    Set<Integer> gsmFolds = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      Example e = rows.get(i).example();
      if (e.benchmark().equals(RouteLlmData.MMLU)) {
        foldsOfSubject.computeIfAbsent(e.group(), g -> new HashSet<>()).add(fold[i]);
      } else {
        gsmFolds.add(fold[i]);
      }
    }
    assertThat(foldsOfSubject.values()).allSatisfy(f -> assertThat(f).hasSize(1));
    assertThat(foldsOfSubject.values().stream().flatMap(Set::stream).distinct()).hasSize(5);
    assertThat(gsmFolds).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
  }

  @Test
  void noPromptIsScoredByAModelTrainedOnItsLabel() {
    for (Protocol protocol : Protocol.values()) {
      for (String benchmark : List.of(RouteLlmData.MMLU, RouteLlmData.GSM8K)) {
        Recorder recorder = new Recorder();
        double[] scores = CrossValidation.scores(recorder, rows, benchmark, protocol);
        long members = rows.stream().filter(r -> r.example().benchmark().equals(benchmark)).count();
        assertThat(scores).hasSize((int) members).doesNotContain(-1.0);
        if (protocol == Protocol.CROSS_BENCHMARK) {
          assertThat(recorder.trainedOn)
              .allSatisfy(
                  seen ->
                      assertThat(seen).noneMatch(r -> r.example().benchmark().equals(benchmark)));
        }
      }
    }
  }

  /** Fits a head that remembers its training rows and refuses (-1) to score one of them. */
  private static final class Recorder implements Approach {
    final List<Set<Row>> trainedOn = new ArrayList<>();

    @Override
    public String name() {
      return "recorder";
    }

    @Override
    public String description() {
      return "records its training rows";
    }

    @Override
    public Head fit(List<Row> train) {
      Set<Row> seen = new HashSet<>(train);
      trainedOn.add(seen);
      return new Head() {
        @Override
        public double score(float[] embedding, double[] lexical) {
          throw new UnsupportedOperationException();
        }

        @Override
        public double score(Row row) {
          return seen.contains(row) ? -1 : 0.5;
        }
      };
    }
  }

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String benchmark = i < 150 ? RouteLlmData.MMLU : RouteLlmData.GSM8K;
      String group = i < 150 ? "subject" + (i % 12) : benchmark;
      Example e = new Example(benchmark, group, "prompt " + i, i % 2, i % 3 == 0 ? 1 : 0, false);
      rows.add(new Row(e, new float[Embedder.DIMENSION], Lexical.of(e.prompt())));
    }
    return rows;
  }
}
