package dev.switchboard.autoroute;

/**
 * Scores prompts: how likely a prompt is to need the strong model, 0 to 1 (the shipped scorer gives
 * its percentile among the prompts it was trained on). Thread-safe.
 */
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
