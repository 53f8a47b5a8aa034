package dev.switchboard.autoroute;

import org.jspecify.annotations.Nullable;

/**
 * The scorer with the weights shipped in resources. The weights are read on the first call to
 * {@link #version} or {@link #score}, the embedding model on the first score: a gateway that never
 * routes automatically loads neither.
 */
enum ShippedScorer implements PromptScorer {
  INSTANCE;

  /** Where the trained weights live on the class path. */
  static final String RESOURCE = "autoroute/weights.json";

  private volatile @Nullable RouterModel model;

  @Override
  public String version() {
    return model().version();
  }

  @Override
  public double score(String prompt) {
    return model().score(prompt);
  }

  private RouterModel model() {
    RouterModel loaded = model;
    if (loaded == null) {
      synchronized (this) {
        loaded = model;
        if (loaded == null) {
          loaded = RouterModel.fromResource(RESOURCE, new Embedder());
          model = loaded;
        }
      }
    }
    return loaded;
  }
}
