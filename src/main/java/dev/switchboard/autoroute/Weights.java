package dev.switchboard.autoroute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;

/**
 * A logistic head's parameters: the features' means and scales (standardisation), one weight per
 * feature and a bias. Features are the embedding's dimensions, then {@link Lexical#NAMES}.
 */
record Weights(String version, double[] mean, double[] scale, double[] coef, double bias) {
  Weights {
    int n = Embedder.DIMENSION + Lexical.NAMES.size();
    if (mean.length != n || scale.length != n || coef.length != n) {
      throw new IllegalArgumentException("auto router weights: expected " + n + " features");
    }
  }

  /** The score of a prompt with these features. */
  double score(float[] embedding, double[] lexical) {
    double z = bias;
    for (int i = 0; i < embedding.length; i++) {
      z += coef[i] * (embedding[i] - mean[i]) / scale[i];
    }
    for (int j = 0; j < lexical.length; j++) {
      int i = embedding.length + j;
      z += coef[i] * (lexical[j] - mean[i]) / scale[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  static Weights fromJson(JsonNode tree) {
    return new Weights(
        tree.path("version").asText(),
        doubles(tree.path("mean")),
        doubles(tree.path("scale")),
        doubles(tree.path("coef")),
        tree.path("bias").asDouble());
  }

  ObjectNode toJson() {
    ObjectNode tree = Json.object();
    tree.put("version", version);
    tree.put("embedding", "all-MiniLM-L6-v2-q (langchain4j 1.19.0-beta29)");
    Lexical.NAMES.forEach(tree.putArray("lexical")::add);
    tree.put("bias", bias);
    for (String field : new String[] {"mean", "scale", "coef"}) {
      double[] values = field.equals("mean") ? mean : field.equals("scale") ? scale : coef;
      var array = tree.putArray(field);
      for (double v : values) {
        array.add((float) v);
      }
    }
    return tree;
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }
}
