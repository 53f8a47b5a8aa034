package dev.switchboard.autoroute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Maps a head's raw score to its percentile among the training prompts (piecewise linear between
 * the 101 stored percentiles): the shipped score s then means "needier than a share s of prompts",
 * so a threshold of {@code 1 - quality} sends about a share {@code quality} of such prompts to the
 * strong model. Monotone: the ranking, and so every evaluation figure, is unchanged.
 */
record Calibration(double[] percentiles) {
  /** The raw score's percentile in [0, 1]. */
  double apply(double raw) {
    int last = percentiles.length - 1;
    if (raw <= percentiles[0]) {
      return 0;
    }
    if (raw >= percentiles[last]) {
      return 1;
    }
    int i = 0;
    while (percentiles[i + 1] < raw) {
      i++;
    }
    double width = percentiles[i + 1] - percentiles[i];
    double within = width <= 0 ? 0 : (raw - percentiles[i]) / width;
    return (i + within) / last;
  }

  /** The 101 percentiles of {@code scores}. */
  static Calibration of(double[] scores) {
    double[] sorted = scores.clone();
    java.util.Arrays.sort(sorted);
    double[] percentiles = new double[101];
    for (int i = 0; i <= 100; i++) {
      percentiles[i] = RouteEval.quantile(sorted, i / 100.0);
    }
    return new Calibration(percentiles);
  }

  /** The calibration in a weights file; the identity when it has none. */
  static Calibration fromJson(JsonNode array) {
    if (!array.isArray() || array.size() < 2) {
      return new Calibration(new double[] {0, 1});
    }
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return new Calibration(values);
  }

  void write(ArrayNode array) {
    for (double p : percentiles) {
      array.add(p);
    }
  }
}
