package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeApproachTest {
  @Test
  void learnsThatLongerPromptsNeedTheStrongModelWhenTheLabelsSaySo() {
    Random random = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      boolean hard = random.nextBoolean();
      String prompt = hard ? "word ".repeat(200 + random.nextInt(50)) : "word ".repeat(5);
      Example e = new Example("mmlu", "s", prompt, 1, hard ? 0 : 1, false);
      float[] vector = new float[Embedder.DIMENSION];
      vector[random.nextInt(Embedder.DIMENSION)] = 1;
      rows.add(new Row(e, vector, Lexical.of(prompt)));
    }
    for (boolean embedding : new boolean[] {true, false}) {
      Weights weights = new RidgeApproach(embedding, "test").fit(rows);
      Row longOne = rows.stream().filter(r -> r.example().weak() == 0).findFirst().orElseThrow();
      Row shortOne = rows.stream().filter(r -> r.example().weak() == 1).findFirst().orElseThrow();
      assertThat(weights.score(longOne)).isGreaterThan(0.8);
      assertThat(weights.score(shortOne)).isLessThan(0.1);
      assertThat(weights.score(longOne)).isBetween(0.0, 1.0);
    }
  }

  @Test
  void weightsSurviveTheirJsonFileAndScoreTheSame() {
    List<Row> rows = new ArrayList<>();
    Random random = new Random(9);
    for (int i = 0; i < 50; i++) {
      float[] vector = new float[Embedder.DIMENSION];
      vector[i % Embedder.DIMENSION] = 1;
      String prompt = "x".repeat(1 + random.nextInt(100));
      rows.add(
          new Row(
              new Example("gsm8k", "gsm8k", prompt, 1, i % 2, false), vector, Lexical.of(prompt)));
    }
    Weights weights = new RidgeApproach(true, "v-test").fit(rows);
    Weights read = Weights.fromJson(Json.mapper().valueToTree(weights.toJson()));
    assertThat(read.version()).isEqualTo("v-test");
    for (Row row : rows) {
      assertThat(read.score(row))
          .isCloseTo(weights.score(row), org.assertj.core.api.Assertions.within(1e-5));
    }
  }
}
