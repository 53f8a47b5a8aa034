package dev.switchboard.insight;

import dev.switchboard.money.Money;

/**
 * One row of the model ranking: its rank (1 = most tokens; 0 for the aggregated "others" row), the
 * tokens and their share of all tokens, requests, and cost in micro-dollars.
 */
public record ModelShare(
    int rank, String model, long tokens, Share share, long requests, long costMicros) {

  /** Exact dollars, like "$12.345678". */
  public String costUsd() {
    return "$" + Money.ofMicros(costMicros).toUsd().toPlainString();
  }
}
