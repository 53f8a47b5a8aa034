package dev.switchboard.insight;

import java.util.List;

/**
 * Tokens by one dimension over a period, items sorted by tokens descending (then name), with the
 * change against the period before. {@code totalTokens} is the sum of the items' tokens.
 */
public record Rankings(
    ReportPeriod period, Dimension by, long totalTokens, List<RankedItem> items) {
  public Rankings {
    items = List.copyOf(items);
  }
}
