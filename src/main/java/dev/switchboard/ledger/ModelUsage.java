package dev.switchboard.ledger;

/** Usage of one served model over a period, summed from successful ledger rows. */
public record ModelUsage(
    String model, long requests, long promptTokens, long completionTokens, long costMicros) {

  public long totalTokens() {
    return Math.addExact(promptTokens, completionTokens);
  }
}
