package dev.switchboard.autoroute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ridge heads' score and the stumps' score, each turned into its percentile among the training
 * prompts and then averaged with weight {@code stumpsWeight} on the stumps: the ridge heads read
 * the embedding and weigh each count linearly, the stumps read the counts alone, nonlinearly.
 */
record BlendedHead(
    Weights ridge,
    Stumps weakFailure,
    Stumps strongSuccess,
    Calibration ridgeCalibration,
    Calibration stumpsCalibration,
    double stumpsWeight)
    implements Head {
  @Override
  public double score(float[] embedding, double[] lexical) {
    return (1 - stumpsWeight) * ridgeCalibration.apply(ridge.score(embedding, lexical))
        + stumpsWeight * stumpsCalibration.apply(stumps(lexical));
  }

  /** The stumps' raw score: both targets' estimates combined as the ridge heads' are. */
  double stumps(double[] lexical) {
    return Approach.combine(weakFailure.predict(lexical), strongSuccess.predict(lexical));
  }

  /** Writes the stumps' part under {@code node} (the ridge heads are the file's top level). */
  void write(ObjectNode node) {
    node.put("weight", stumpsWeight);
    weakFailure.write(node.putObject("weak_failure"));
    strongSuccess.write(node.putObject("strong_success"));
    ridgeCalibration.write(node.putArray("ridge_calibration"));
    stumpsCalibration.write(node.putArray("stumps_calibration"));
  }

  /** The head whose ridge part is {@code ridge} and stumps' part is {@code node}. */
  static BlendedHead fromJson(Weights ridge, JsonNode node) {
    return new BlendedHead(
        ridge,
        Stumps.fromJson(node.path("weak_failure")),
        Stumps.fromJson(node.path("strong_success")),
        Calibration.fromJson(node.path("ridge_calibration")),
        Calibration.fromJson(node.path("stumps_calibration")),
        node.path("weight").asDouble());
  }
}
