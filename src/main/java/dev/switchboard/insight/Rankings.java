package dev.switchboard.insight;

import java.util.List;

/**
 * Tokens by one dimension over a period, items sorted by tokens descending (then name), with the
 * change against the period before. {@code totalTokens} is the sum of the items' tokens. Requests
 * without a value (no app known, a model the catalog does not know) are named {@value #UNKNOWN}.
 */
public record Rankings(
    ReportPeriod period, Dimension by, long totalTokens, List<RankedItem> items) {
  public static final String UNKNOWN = "unknown";

  public Rankings {
    items = List.copyOf(items);
  }
}
