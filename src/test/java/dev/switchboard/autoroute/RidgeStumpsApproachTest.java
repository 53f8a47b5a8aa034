package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeStumpsApproachTest {
  @Test
  void blendsBothPercentilesAndSurvivesTheWeightsFile() {
    Random random = new Random(6);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 800; i++) {
      boolean hard = random.nextBoolean();
      String prompt = "word ".repeat(hard ? 60 + random.nextInt(60) : 1 + random.nextInt(20));
      float[] vector = new float[Embedder.DIMENSION];
      vector[random.nextInt(Embedder.DIMENSION)] = 1;
      Example e = new Example("mmlu", "s", prompt, 1, hard ? 0 : 1, false);
      rows.add(new Row(e, vector, Lexical.of(prompt)));
    }
    BlendedHead head = new RidgeStumpsApproach("v-test").fit(rows);
    assertThat(head.weakFailure().feature()).isNotEmpty();
    Row hardOne = rows.stream().filter(r -> r.example().weak() == 0).findFirst().orElseThrow();
    Row easyOne = rows.stream().filter(r -> r.example().weak() == 1).findFirst().orElseThrow();
    assertThat(head.score(hardOne)).isGreaterThan(0.5).isLessThanOrEqualTo(1);
    assertThat(head.score(easyOne)).isLessThan(0.5).isGreaterThanOrEqualTo(0);

    var tree = head.ridge().toJson();
    head.write(tree.putObject("stumps"));
    JsonNode file = Json.mapper().valueToTree(tree);
    BlendedHead read = BlendedHead.fromJson(Weights.fromJson(file), file.path("stumps"));
    assertThat(read.stumpsWeight()).isEqualTo(RidgeStumpsApproach.STUMPS_WEIGHT);
    for (Row row : rows) {
      assertThat(read.score(row)).isCloseTo(head.score(row), within(1e-4));
    }
  }
}
