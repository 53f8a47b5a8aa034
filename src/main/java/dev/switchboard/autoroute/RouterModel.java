package dev.switchboard.autoroute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A trained head over the prompt's features (embedding, then lexical counts, each standardised):
 * {@code sigmoid(w . x + b)}. Thread-safe: the weights are immutable and the embedder is.
 */
final class RouterModel implements PromptScorer {
  private final Weights weights;
  private final Calibration calibration;
  private final Embedder embedder;

  RouterModel(Weights weights, Calibration calibration, Embedder embedder) {
    this.weights = weights;
    this.calibration = calibration;
    this.embedder = embedder;
  }

  /** The model in a weights file's tree (as {@code router train} writes it). */
  static RouterModel fromJson(JsonNode tree, Embedder embedder) {
    return new RouterModel(
        Weights.fromJson(tree), Calibration.fromJson(tree.path("calibration")), embedder);
  }

  /** The model whose weights are the class-path resource {@code name}. */
  static RouterModel fromResource(String name, Embedder embedder) {
    try (InputStream in = RouterModel.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("auto router weights missing from the class path: " + name);
      }
      JsonNode tree = Json.mapper().readTree(in);
      return fromJson(tree, embedder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read auto router weights " + name, e);
    }
  }

  @Override
  public String version() {
    return weights.version();
  }

  @Override
  public double score(String prompt) {
    String text = PromptText.clip(prompt);
    double raw = weights.score(embedder.embed(text), Lexical.of(text));
    return calibration.apply(raw);
  }
}
