package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CholeskyTest {
  @Test
  void solvesASymmetricPositiveDefiniteSystem() {
    double[][] a = {{4, 12, -16}, {12, 37, -43}, {-16, -43, 98}};
    double[] x = {1, -2, 3};
    double[] b = new double[3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        b[i] += a[i][j] * x[j];
      }
    }
    double[] solved = new Cholesky(a).solve(b);
    for (int i = 0; i < 3; i++) {
      assertThat(solved[i]).isCloseTo(x[i], within(1e-9));
    }
  }
}
