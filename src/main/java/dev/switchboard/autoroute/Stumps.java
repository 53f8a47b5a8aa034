package dev.switchboard.autoroute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Gradient-boosted stumps for one target over the lexical counts: a sum of one-split steps, each
 * fitted to what the previous ones left unexplained (squared error, exact splits). An additive,
 * nonlinear reading of each count (say, length helps up to a point): the linear heads can only
 * weigh a count the same over its whole range.
 */
record Stumps(double base, int[] feature, double[] threshold, double[] left, double[] right) {
  /** Boosting rounds, each one stump. */
  static final int ROUNDS = 300;

  /** The shrinkage applied to each stump's step. */
  static final double RATE = 0.05;

  /** The L2 penalty on a side's mean step (as in LightGBM's lambda_l2). */
  static final double L2 = 10;

  /** The fewest training prompts either side of a split. */
  static final int MIN_SIDE = 200;

  /** The stumps fitted to {@code target} over the rows {@code x} (each a prompt's counts). */
  static Stumps fit(double[][] x, double[] target) {
    int n = x.length;
    int d = n == 0 ? 0 : x[0].length;
    int[][] order = new int[d][];
    for (int j = 0; j < d; j++) {
      int f = j;
      order[j] =
          IntStream.range(0, n)
              .boxed()
              .sorted(Comparator.comparingDouble(i -> x[i][f]))
              .mapToInt(Integer::intValue)
              .toArray();
    }
    double base = Arrays.stream(target).average().orElse(0);
    double[] residual = Arrays.stream(target).map(t -> t - base).toArray();
    int[] feature = new int[ROUNDS];
    double[] threshold = new double[ROUNDS];
    double[] left = new double[ROUNDS];
    double[] right = new double[ROUNDS];
    int rounds = 0;
    while (rounds < ROUNDS) {
      Split best = bestSplit(x, order, residual);
      if (best == null) {
        break;
      }
      feature[rounds] = best.feature;
      threshold[rounds] = best.threshold;
      left[rounds] = best.left;
      right[rounds] = best.right;
      for (int i = 0; i < n; i++) {
        residual[i] -= x[i][best.feature] <= best.threshold ? best.left : best.right;
      }
      rounds++;
    }
    return new Stumps(
        base,
        Arrays.copyOf(feature, rounds),
        Arrays.copyOf(threshold, rounds),
        Arrays.copyOf(left, rounds),
        Arrays.copyOf(right, rounds));
  }

  /** The target's estimate for a prompt's counts. */
  double predict(double[] counts) {
    double sum = base;
    for (int t = 0; t < feature.length; t++) {
      sum += counts[feature[t]] <= threshold[t] ? left[t] : right[t];
    }
    return sum;
  }

  /** One candidate stump: where it splits and the (shrunk) step on each side. */
  private record Split(double gain, int feature, double threshold, double left, double right) {}

  /** The split that most reduces the squared residual, or null when no split is allowed. */
  private static @Nullable Split bestSplit(double[][] x, int[][] order, double[] residual) {
    int n = residual.length;
    double total = 0;
    for (double r : residual) {
      total += r;
    }
    double none = total * total / (n + L2);
    @Nullable Split best = null;
    for (int j = 0; j < order.length; j++) {
      int[] sorted = order[j];
      double sum = 0;
      for (int k = 0; k < n - 1; k++) {
        sum += residual[sorted[k]];
        int count = k + 1;
        double here = x[sorted[k]][j];
        double next = x[sorted[k + 1]][j];
        if (count < MIN_SIDE || n - count < MIN_SIDE || here == next) {
          continue;
        }
        double rest = total - sum;
        double gain = sum * sum / (count + L2) + rest * rest / (n - count + L2) - none;
        if (gain > 0 && (best == null || gain > best.gain)) {
          best =
              new Split(
                  gain,
                  j,
                  (here + next) / 2,
                  RATE * sum / (count + L2),
                  RATE * rest / (n - count + L2));
        }
      }
    }
    return best;
  }

  void write(ObjectNode node) {
    node.put("base", base);
    ArrayNode steps = node.putArray("stumps");
    for (int t = 0; t < feature.length; t++) {
      steps.addArray().add(feature[t]).add(threshold[t]).add(left[t]).add(right[t]);
    }
  }

  static Stumps fromJson(JsonNode node) {
    JsonNode steps = node.path("stumps");
    int n = steps.size();
    int[] feature = new int[n];
    double[] threshold = new double[n];
    double[] left = new double[n];
    double[] right = new double[n];
    for (int t = 0; t < n; t++) {
      JsonNode step = steps.get(t);
      feature[t] = step.get(0).asInt();
      threshold[t] = step.get(1).asDouble();
      left[t] = step.get(2).asDouble();
      right[t] = step.get(3).asDouble();
    }
    return new Stumps(node.path("base").asDouble(), feature, threshold, left, right);
  }
}
