package dev.switchboard.autoroute;

import java.util.List;
import java.util.PriorityQueue;

/**
 * k nearest neighbours by cosine similarity of the embeddings: both targets are the means over the
 * neighbours. No training, but scoring compares the prompt with every stored one.
 */
record KnnApproach(int k) implements Approach {
  /** Neighbours averaged, fixed before any evaluation. */
  static final int K = 50;

  @Override
  public String name() {
    return "knn-minilm";
  }

  @Override
  public String description() {
    return "mean targets of the " + k + " nearest training prompts (cosine, all-MiniLM-L6-v2)";
  }

  @Override
  public Head fit(List<Row> rows) {
    int n = rows.size();
    int dim = Embedder.DIMENSION;
    float[] stored = new float[n * dim];
    double[] weak = new double[n];
    double[] strong = new double[n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(rows.get(r).embedding(), 0, stored, r * dim, dim);
      weak[r] = rows.get(r).example().weakFailure();
      strong[r] = rows.get(r).example().strongSuccess();
    }
    return (vector, lexical) -> {
      PriorityQueue<double[]> nearest =
          new PriorityQueue<>(k, (a, b) -> Double.compare(a[0], b[0]));
      for (int r = 0; r < n; r++) {
        float sum = 0;
        int base = r * dim;
        for (int i = 0; i < dim; i++) {
          sum += vector[i] * stored[base + i];
        }
        if (nearest.size() < k) {
          nearest.add(new double[] {sum, r});
        } else if (sum > nearest.peek()[0]) {
          nearest.poll();
          nearest.add(new double[] {sum, r});
        }
      }
      double weakSum = 0;
      double strongSum = 0;
      for (double[] neighbour : nearest) {
        weakSum += weak[(int) neighbour[1]];
        strongSum += strong[(int) neighbour[1]];
      }
      return Approach.combine(weakSum / nearest.size(), strongSum / nearest.size());
    };
  }
}
