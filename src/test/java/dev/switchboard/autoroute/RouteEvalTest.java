package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RouteEvalTest {
  @Test
  void decilesInterpolateLinearlyLikeNumpy() {
    // numpy.quantile([1, 2, 3, 4, 10], [0, .1, .5, .9, 1]) = [1, 1.4, 3, 7.6, 10]
    double[] edges = RouteEval.deciles(new double[] {10, 2, 4, 1, 3});
    assertThat(edges[0]).isEqualTo(1);
    assertThat(edges[1]).isCloseTo(1.4, within(1e-12));
    assertThat(edges[5]).isCloseTo(3, within(1e-12));
    assertThat(edges[9]).isCloseTo(7.6, within(1e-12));
    assertThat(edges[10]).isEqualTo(10);
  }

  @Test
  void apgrAndCallShareFollowTheTrapezoidAndLinearInterpolation() {
    // weak 0.5, strong 1.0; the curve reaches 0.75 (50 % of the gap) at share 0.25.
    double[] share = {0, 0.5, 1};
    double[] quality = {0.5, 1.0, 1.0};
    Metrics m = Metrics.of(share, quality, 1.0, 0.5);
    assertThat(m.apgr()).isCloseTo(0.75, within(1e-12));
    assertThat(m.cpt50()).isCloseTo(0.25, within(1e-12));
    assertThat(m.cpt80()).isCloseTo(0.40, within(1e-12));
  }

  @Test
  void aRouterThatKnowsTheAnswersBeatsRandomAndRandomIsAboutHalf() {
    Random random = new Random(7);
    int n = 5000;
    double[] strong = new double[n];
    double[] weak = new double[n];
    double[] oracle = new double[n];
    for (int i = 0; i < n; i++) {
      weak[i] = random.nextDouble() < 0.6 ? 1 : 0;
      strong[i] = weak[i] == 1 || random.nextDouble() < 0.5 ? 1 : 0;
      oracle[i] = strong[i] - weak[i] + random.nextDouble() * 1e-6;
    }
    Metrics best = RouteEval.evaluate(oracle, strong, weak);
    double[] chance = RouteEval.random(strong, weak, 20);
    assertThat(chance[0]).isCloseTo(0.5, within(0.03));
    assertThat(chance[1]).isCloseTo(0.5, within(0.05));
    assertThat(best.apgr()).isGreaterThan(0.85);
    assertThat(best.apgr()).isCloseTo(RouteEval.optimum(strong, weak).apgr(), within(0.03));
    assertThat(best.cpt50()).isLessThan(0.25);
    assertThat(best.share()).hasSize(RouteEval.POINTS).startsWith(0.0).endsWith(1.0);
  }

  @Test
  void theOptimumSendsOnlyPromptsTheStrongModelWinsWithinEachBudget() {
    double[] strong = {1, 1, 0, 1, 0, 1, 1, 1, 1, 1};
    double[] weak = {0, 0, 0, 1, 1, 1, 1, 1, 1, 1};
    Metrics best = RouteEval.optimum(strong, weak);
    assertThat(best.quality()[0]).isCloseTo(0.7, within(1e-12));
    assertThat(best.quality()[1]).isCloseTo(0.8, within(1e-12));
    assertThat(best.quality()[2]).isCloseTo(0.9, within(1e-12));
    assertThat(best.quality()[10]).isCloseTo(0.9, within(1e-12));
  }

  @Test
  void theBootstrapIntervalContainsThePointEstimate() {
    Random random = new Random(3);
    int n = 72;
    double[] strong = new double[n];
    double[] weak = new double[n];
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      weak[i] = 1 + random.nextInt(10);
      strong[i] = Math.min(10, weak[i] + random.nextInt(3));
      scores[i] = strong[i] - weak[i] + random.nextGaussian();
    }
    double point = RouteEval.evaluate(scores, strong, weak).apgr();
    double[] interval = RouteEval.apgrInterval(scores, strong, weak, 300);
    assertThat(interval[0]).isLessThan(point);
    assertThat(interval[1]).isGreaterThan(point);
  }
}
