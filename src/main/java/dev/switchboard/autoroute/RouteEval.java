package dev.switchboard.autoroute;

import java.util.Arrays;
import java.util.Random;

/**
 * RouteLLM's evaluation protocol (routellm/evals): thresholds at the 11 deciles of the router's
 * scores (a prompt goes to the strong model when its score is at least the threshold; strictly
 * above for the top decile, so the last point has no strong calls), quality = mean quality of the
 * models chosen; plus the random router and the per-prompt optimum.
 */
final class RouteEval {
  static final int POINTS = 11;

  private RouteEval() {}

  /** The metrics of a router scoring {@code scores} where the models reach strong/weak. */
  static Metrics evaluate(double[] scores, double[] strong, double[] weak) {
    double[] edges = deciles(scores);
    double[][] points = new double[POINTS][];
    for (int i = 0; i < POINTS; i++) {
      int calls = 0;
      double total = 0;
      for (int p = 0; p < scores.length; p++) {
        boolean toStrong = i < POINTS - 1 ? scores[p] >= edges[i] : scores[p] > edges[i];
        calls += toStrong ? 1 : 0;
        total += toStrong ? strong[p] : weak[p];
      }
      points[i] = new double[] {(double) calls / scores.length, total / scores.length};
    }
    Arrays.sort(
        points, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    return Metrics.of(column(points, 0), column(points, 1), mean(strong), mean(weak));
  }

  /** The mean metrics of {@code seeds} random routers (uniform scores). */
  static double[] random(double[] strong, double[] weak, int seeds) {
    double[] sums = new double[3];
    for (int seed = 0; seed < seeds; seed++) {
      Random random = new Random(seed);
      double[] scores = new double[strong.length];
      Arrays.setAll(scores, i -> random.nextDouble());
      Metrics m = evaluate(scores, strong, weak);
      sums[0] += m.apgr() / seeds;
      sums[1] += m.cpt50() / seeds;
      sums[2] += m.cpt80() / seeds;
    }
    return sums;
  }

  /**
   * The per-prompt optimum at strong shares 0, 10, ..., 100 %: the prompts where the strong model
   * gains most go to it first (RouteLLM's get_optimal_accuracy).
   */
  static Metrics optimum(double[] strong, double[] weak) {
    int n = strong.length;
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(strong[b] - weak[b], strong[a] - weak[a]));
    double[] share = new double[POINTS];
    double[] quality = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      share[i] = i / (double) (POINTS - 1);
      int budget = (int) Math.floor(n * share[i] + 1e-9);
      double total = 0;
      for (int rank = 0; rank < n; rank++) {
        int p = order[rank];
        boolean toStrong = rank < budget && strong[p] > weak[p];
        total += toStrong ? strong[p] : weak[p];
      }
      quality[i] = total / n;
    }
    return Metrics.of(share, quality, mean(strong), mean(weak));
  }

  /** A 95 % percentile bootstrap interval of APGR, resampling prompts with replacement. */
  static double[] apgrInterval(double[] scores, double[] strong, double[] weak, int resamples) {
    Random random = new Random(42);
    double[] apgr = new double[resamples];
    int n = scores.length;
    for (int b = 0; b < resamples; b++) {
      double[] s = new double[n];
      double[] st = new double[n];
      double[] wk = new double[n];
      for (int i = 0; i < n; i++) {
        int pick = random.nextInt(n);
        s[i] = scores[pick];
        st[i] = strong[pick];
        wk[i] = weak[pick];
      }
      apgr[b] = mean(st) == mean(wk) ? Double.NaN : evaluate(s, st, wk).apgr();
    }
    double[] valid = Arrays.stream(apgr).filter(Double::isFinite).sorted().toArray();
    if (valid.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return new double[] {quantile(valid, 0.025), quantile(valid, 0.975)};
  }

  /** The 11 decile edges of the scores, interpolated linearly (numpy's default, as qcut uses). */
  static double[] deciles(double[] scores) {
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    double[] edges = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      edges[i] = quantile(sorted, i / (double) (POINTS - 1));
    }
    return edges;
  }

  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int low = (int) Math.floor(position);
    int high = Math.min(low + 1, sorted.length - 1);
    return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
  }

  static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(Double.NaN);
  }

  private static double[] column(double[][] points, int c) {
    return Arrays.stream(points).mapToDouble(p -> p[c]).toArray();
  }
}
