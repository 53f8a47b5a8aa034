package dev.switchboard.autoroute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;

/**
 * Two linear heads over the standardised features (the embedding's dimensions, then {@link
 * Lexical#NAMES}; only the lexical ones when {@code embedding} is false): one estimates how far the
 * weak model falls short, the other how well the strong model does; the score combines them ({@link
 * Approach#combine}).
 */
record Weights(
    String version,
    boolean embedding,
    double[] mean,
    double[] scale,
    double[] weakCoef,
    double weakBias,
    double[] strongCoef,
    double strongBias)
    implements Head {
  Weights {
    int n = width(embedding);
    if (mean.length != n || scale.length != n || weakCoef.length != n || strongCoef.length != n) {
      throw new IllegalArgumentException("auto router weights: expected " + n + " features");
    }
  }

  /** The number of features a model with or without the embedding reads. */
  static int width(boolean embedding) {
    return (embedding ? Embedder.DIMENSION : 0) + Lexical.NAMES.size();
  }

  /** Feature {@code i} of a prompt, unscaled, in this model's order. */
  static double feature(boolean embedding, float[] vector, double[] lexical, int i) {
    if (!embedding) {
      return lexical[i];
    }
    return i < vector.length ? vector[i] : lexical[i - vector.length];
  }

  @Override
  public double score(float[] vector, double[] lexical) {
    double weak = weakBias;
    double strong = strongBias;
    for (int i = 0; i < mean.length; i++) {
      double z = (feature(embedding, vector, lexical, i) - mean[i]) / scale[i];
      weak += weakCoef[i] * z;
      strong += strongCoef[i] * z;
    }
    return Approach.combine(weak, strong);
  }

  static Weights fromJson(JsonNode tree) {
    return new Weights(
        tree.path("version").asText(),
        tree.path("embedding").asBoolean(true),
        doubles(tree.path("mean")),
        doubles(tree.path("scale")),
        doubles(tree.path("weak_failure").path("coef")),
        tree.path("weak_failure").path("bias").asDouble(),
        doubles(tree.path("strong_success").path("coef")),
        tree.path("strong_success").path("bias").asDouble());
  }

  ObjectNode toJson() {
    ObjectNode tree = Json.object();
    tree.put("version", version);
    tree.put("embedding", embedding);
    tree.put(
        "embedding_model",
        "all-MiniLM-L6-v2-q (langchain4j 1.19.0-beta29), mean of [CLS], the first "
            + Embedder.HEAD_TOKENS
            + " and last "
            + Embedder.TAIL_TOKENS
            + " tokens, [SEP]");
    Lexical.NAMES.forEach(tree.putArray("lexical")::add);
    put(tree.putArray("mean"), mean);
    put(tree.putArray("scale"), scale);
    ObjectNode weak = tree.putObject("weak_failure");
    weak.put("bias", weakBias);
    put(weak.putArray("coef"), weakCoef);
    ObjectNode strong = tree.putObject("strong_success");
    strong.put("bias", strongBias);
    put(strong.putArray("coef"), strongCoef);
    return tree;
  }

  private static void put(ArrayNode array, double[] values) {
    for (double v : values) {
      array.add((float) v);
    }
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }
}
