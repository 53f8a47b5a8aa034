package dev.switchboard.ledger;

/**
 * What the auto router decided for a request of {@code switchboard/auto}: the version of its
 * weights, its score (the estimated probability that the prompt needs the strong tier, 0 to 1) and
 * the model it picked (which served unless a fallback did).
 */
public record RouterPick(String version, double score, String pick) {
  public RouterPick {
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("a router score is from 0 to 1, got " + score);
    }
  }
}
