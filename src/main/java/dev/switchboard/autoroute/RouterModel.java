package dev.switchboard.autoroute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A trained head over the prompt's features (embedding and lexical counts), its raw score mapped to
 * a percentile by the calibration. Thread-safe: the weights are immutable and the embedder is.
 */
final class RouterModel implements PromptScorer {
  private final String version;
  private final Head head;
  private final Calibration calibration;
  private final Embedder embedder;

  RouterModel(String version, Head head, Calibration calibration, Embedder embedder) {
    this.version = version;
    this.head = head;
    this.calibration = calibration;
    this.embedder = embedder;
  }

  /**
   * The model in a weights file's tree (as {@code router train} writes it): the ridge heads,
   * blended with boosted stumps when the file has a {@code stumps} section.
   */
  static RouterModel fromJson(JsonNode tree, Embedder embedder) {
    Weights ridge = Weights.fromJson(tree);
    JsonNode stumps = tree.path("stumps");
    Head head = stumps.isObject() ? BlendedHead.fromJson(ridge, stumps) : ridge;
    return new RouterModel(
        ridge.version(), head, Calibration.fromJson(tree.path("calibration")), embedder);
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
    return version;
  }

  @Override
  public double score(String prompt) {
    String text = PromptText.clip(prompt);
    double raw = head.score(embedder.embed(text), Lexical.of(text));
    return calibration.apply(raw);
  }
}
