package dev.switchboard.ledger;

/**
 * What the auto router decided for a request of {@code switchboard/auto}: the version of its
 * weights, its score (how likely the prompt is to need the strong tier, as the scorer's percentile)
 * in basis points, 0 to 10,000, and the model it picked (which served unless a fallback did).
 */
public record RouterPick(String version, int scoreBasisPoints, String pick) {
  public static final int MAX_SCORE = 10_000;

  public RouterPick {
    if (scoreBasisPoints < 0 || scoreBasisPoints > MAX_SCORE) {
      throw new IllegalArgumentException(
          "a router score is from 0 to " + MAX_SCORE + " basis points, got " + scoreBasisPoints);
    }
  }

  /** The pick of a router whose score is {@code probability}, rounded to a basis point. */
  public static RouterPick of(String version, double probability, String pick) {
    return new RouterPick(version, (int) Math.round(probability * MAX_SCORE), pick);
  }

  /** The score as the router gave it, 0 to 1. */
  public double score() {
    return scoreBasisPoints / (double) MAX_SCORE;
  }
}
