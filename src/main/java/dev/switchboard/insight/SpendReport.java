package dev.switchboard.insight;

import dev.switchboard.ledger.SpendGroup;
import dev.switchboard.ledger.SpendRow;
import dev.switchboard.money.Money;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Spend over a period grouped one way (data class, key, model, provider or day), in the ledger's
 * order, with a total that is the exact sum of the rows. {@link #render()} is the terminal view of
 * {@code switchboard report --by ...}.
 */
public record SpendReport(ReportPeriod period, SpendGroup groupBy, List<SpendRow> rows) {
  /** Shown for a group without a value (the provider of a request that reached none). */
  public static final String NONE = "(none)";

  public SpendReport {
    rows = List.copyOf(rows);
  }

  /** The sum of every row. */
  public SpendRow total() {
    long requests = 0;
    long prompt = 0;
    long completion = 0;
    long cost = 0;
    for (SpendRow row : rows) {
      requests = Math.addExact(requests, row.requests());
      prompt = Math.addExact(prompt, row.promptTokens());
      completion = Math.addExact(completion, row.completionTokens());
      cost = Math.addExact(cost, row.costMicros());
    }
    return new SpendRow(Optional.empty(), requests, prompt, completion, cost);
  }

  /** A plain-text report for the terminal. */
  public String render() {
    String label = groupBy.wireName().replace('_', ' ');
    StringBuilder out = new StringBuilder();
    out.append("Switchboard spend by ")
        .append(label)
        .append(", ")
        .append(period.name())
        .append(": ")
        .append(period.from())
        .append(" to ")
        .append(period.to())
        .append('\n');
    if (rows.isEmpty()) {
      return out.append("No requests in this period.\n").toString();
    }
    TextTable table =
        TextTable.of(label, ">requests", ">prompt", ">completion", ">tokens", ">cost");
    for (SpendRow row : rows) {
      cells(table, row.group().orElse(NONE), row);
    }
    cells(table, "(total)", total());
    table.appendTo(out.append('\n'));
    return out.toString();
  }

  private static void cells(TextTable table, String name, SpendRow row) {
    table.row(
        name,
        count(row.requests()),
        count(row.promptTokens()),
        count(row.completionTokens()),
        count(row.totalTokens()),
        "$" + Money.ofMicros(row.costMicros()).toUsd().toPlainString());
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
