package dev.switchboard.autoroute;

import java.util.List;

/**
 * Ridge regression (a linear probability model) for each target over standardised features, solved
 * in closed form: {@code (Z'Z + P) w = Z'y}, where the diagonal penalty P shrinks the 384 embedding
 * dimensions hard and the 10 lexical counts lightly. Cheap to fit and to score (two dot products).
 */
record RidgeApproach(boolean embedding, String version) implements Approach {
  /**
   * The penalty on each standardised embedding dimension. Chosen among 100, 1000, 3000 and 10000 by
   * the cross-benchmark protocol (a stand-in for prompts never seen): topic directions learnt on
   * one benchmark transfer poorly to another, so they are shrunk; the 5-fold figures barely move.
   */
  static final double EMBEDDING_PENALTY = 3000;

  /** The penalty on each standardised lexical count: generic, so barely shrunk. */
  static final double LEXICAL_PENALTY = 1;

  @Override
  public String name() {
    return embedding ? "ridge-minilm+lexical" : "ridge-lexical";
  }

  @Override
  public String description() {
    return embedding
        ? "linear heads on the all-MiniLM-L6-v2 embedding and lexical counts"
        : "linear heads on lexical counts only (length, digits, maths, code)";
  }

  @Override
  public Weights fit(List<Row> rows) {
    int d = Weights.width(embedding);
    double[] mean = new double[d];
    double[] scale = new double[d];
    standardisation(rows, mean, scale);
    int width = d + 1;
    double[][] gram = new double[width][width];
    double[] weakTarget = new double[width];
    double[] strongTarget = new double[width];
    double[] z = new double[width];
    for (Row row : rows) {
      for (int i = 0; i < d; i++) {
        z[i] = (Weights.feature(embedding, row.embedding(), row.lexical(), i) - mean[i]) / scale[i];
      }
      z[d] = 1;
      for (int i = 0; i < width; i++) {
        double zi = z[i];
        double[] line = gram[i];
        for (int j = i; j < width; j++) {
          line[j] += zi * z[j];
        }
        weakTarget[i] += zi * row.example().weakFailure();
        strongTarget[i] += zi * row.example().strongSuccess();
      }
    }
    for (int i = 0; i < width; i++) {
      gram[i][i] +=
          i == d ? 0 : embedding && i < Embedder.DIMENSION ? EMBEDDING_PENALTY : LEXICAL_PENALTY;
      for (int j = 0; j < i; j++) {
        gram[i][j] = gram[j][i];
      }
    }
    Cholesky solver = new Cholesky(gram);
    double[] weak = solver.solve(weakTarget);
    double[] strong = solver.solve(strongTarget);
    return new Weights(
        version,
        embedding,
        mean,
        scale,
        java.util.Arrays.copyOf(weak, d),
        weak[d],
        java.util.Arrays.copyOf(strong, d),
        strong[d]);
  }

  private void standardisation(List<Row> rows, double[] mean, double[] scale) {
    int d = mean.length;
    double[] square = new double[d];
    for (Row row : rows) {
      for (int i = 0; i < d; i++) {
        double x = Weights.feature(embedding, row.embedding(), row.lexical(), i);
        mean[i] += x;
        square[i] += x * x;
      }
    }
    for (int i = 0; i < d; i++) {
      mean[i] /= rows.size();
      double variance = square[i] / rows.size() - mean[i] * mean[i];
      scale[i] = Math.sqrt(Math.max(variance, 0)) + 1e-8;
    }
  }
}
