package dev.switchboard.autoroute;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * all-MiniLM-L6-v2 (quantised ONNX, bundled in the langchain4j artifact) run in-process: a text to
 * a unit-length 384-dimension vector. The ONNX session is created on the first call, not before.
 */
final class Embedder {
  /** The dimension of the vectors. */
  static final int DIMENSION = 384;

  private volatile @Nullable EmbeddingModel model;
  private final Logger quietLogger = Logger.getLogger("ai.djl");

  /** The unit-length embedding of {@code text}. */
  float[] embed(String text) {
    float[] vector = model().embed(text.isBlank() ? "." : text).content().vector();
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    float inverse = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < vector.length; i++) {
      vector[i] *= inverse;
    }
    return vector;
  }

  /** Whether the ONNX session exists yet (it is created by the first {@link #embed}). */
  boolean loaded() {
    return model != null;
  }

  private EmbeddingModel model() {
    EmbeddingModel loaded = model;
    if (loaded == null) {
      synchronized (this) {
        loaded = model;
        if (loaded == null) {
          // DJL's tokenizer probes for CUDA and logs a warning on every CPU-only machine.
          quietLogger.setLevel(Level.SEVERE);
          loaded = new AllMiniLmL6V2QuantizedEmbeddingModel();
          model = loaded;
        }
      }
    }
    return loaded;
  }
}
