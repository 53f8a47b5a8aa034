package dev.switchboard.autoroute;

/** Scores prompts: the estimated probability that a prompt needs the strong model. Thread-safe. */
public interface PromptScorer {
  /** The version of the shipped weights, e.g. "lr-minilm-2026-12-06" (goes to the ledger). */
  String version();

  /**
   * s in [0,1]; higher = more likely to need the strong model. May block (embedding): never call on
   * an event loop.
   */
  double score(String prompt);

  /** Loads the shipped weights lazily on first use (the embedding model too). */
  static PromptScorer shipped() {
    return ShippedScorer.INSTANCE;
  }
}
