package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.wire.Json;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StumpsTest {
  @Test
  void learnsAStepInOneCountAndIgnoresANoisyOne() {
    Random random = new Random(3);
    double[][] x = new double[2000][];
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {random.nextDouble(), random.nextDouble() * 10};
      y[i] = x[i][1] > 6 ? 1 : 0;
    }
    Stumps stumps = Stumps.fit(x, y);
    assertThat(stumps.predict(new double[] {0.5, 8})).isCloseTo(1, within(0.1));
    assertThat(stumps.predict(new double[] {0.5, 2})).isCloseTo(0, within(0.1));
    assertThat(stumps.feature()).containsOnly(1);
  }

  @Test
  void tooFewPromptsToSplitLeaveTheMean() {
    double[][] x = {{1}, {2}, {3}, {4}};
    Stumps stumps = Stumps.fit(x, new double[] {0, 0, 1, 1});
    assertThat(stumps.feature()).isEmpty();
    assertThat(stumps.predict(new double[] {4})).isEqualTo(0.5);
  }

  @Test
  void surviveTheirJsonAndPredictTheSame() {
    Random random = new Random(4);
    double[][] x = new double[1000][];
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
      y[i] = x[i][0] * x[i][0] + random.nextGaussian() * 0.1;
    }
    Stumps stumps = Stumps.fit(x, y);
    var node = Json.object();
    stumps.write(node);
    Stumps read = Stumps.fromJson(Json.mapper().valueToTree(node));
    for (double[] row : x) {
      assertThat(read.predict(row)).isEqualTo(stumps.predict(row));
    }
  }
}
