package dev.switchboard.insight;

import dev.switchboard.ledger.SpendRow;
import dev.switchboard.money.Money;
import dev.switchboard.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Rankings and spend as {@code switchboard report} prints them: a terminal table, CSV (a header
 * line, then one line per item; exact integers, cost in micro-dollars) or the API's JSON.
 */
public final class ReportFormats {
  private ReportFormats() {}

  /** A plain-text ranking for the terminal. */
  public static String table(Rankings rankings) {
    StringBuilder out = new StringBuilder();
    String label = rankings.by().wireName().replace('_', ' ');
    out.append("Switchboard rankings by ")
        .append(label)
        .append(", ")
        .append(rankings.period().name())
        .append(": ")
        .append(rankings.period().from())
        .append(" to ")
        .append(rankings.period().to())
        .append('\n');
    if (rankings.items().isEmpty()) {
      return out.append("No requests in this period.\n").toString();
    }
    TextTable table =
        TextTable.of("#", label, ">tokens", ">share", ">change", ">requests", ">cost");
    int rank = 0;
    for (RankedItem item : rankings.items()) {
      table.row(
          String.valueOf(++rank),
          item.name().isEmpty() ? SpendReport.NONE : item.name(),
          String.format(Locale.ROOT, "%,d", item.tokens()),
          String.format(Locale.ROOT, "%.1f%%", 100 * item.share()),
          item.change().isPresent()
              ? String.format(Locale.ROOT, "%+.1f%%", 100 * item.change().getAsDouble())
              : "new",
          String.format(Locale.ROOT, "%,d", item.requests()),
          "$" + Money.ofMicros(item.costMicros()).toUsd().toPlainString());
    }
    table.appendTo(out.append('\n'));
    return out.toString();
  }

  /** name,tokens,prompt_tokens,completion_tokens,requests,cost_micros,share,previous_tokens. */
  public static String csv(Rankings rankings) {
    StringBuilder out =
        new StringBuilder(
            "name,tokens,prompt_tokens,completion_tokens,requests,cost_micros,share,"
                + "previous_tokens,change\n");
    for (RankedItem item : rankings.items()) {
      out.append(quoted(item.name()))
          .append(',')
          .append(item.tokens())
          .append(',')
          .append(item.promptTokens())
          .append(',')
          .append(item.completionTokens())
          .append(',')
          .append(item.requests())
          .append(',')
          .append(item.costMicros())
          .append(',')
          .append(item.share())
          .append(',')
          .append(item.previousTokens())
          .append(',')
          .append(item.change().isPresent() ? String.valueOf(item.change().getAsDouble()) : "")
          .append('\n');
    }
    return out.toString();
  }

  /** The rankings as {@code GET /api/v1/rankings} answers them. */
  public static String json(Rankings rankings) {
    return new String(Json.bytes(InsightJson.rankings(rankings)), StandardCharsets.UTF_8) + "\n";
  }

  /** group,requests,prompt_tokens,completion_tokens,total_tokens,cost_micros. */
  public static String csv(SpendReport report) {
    StringBuilder out =
        new StringBuilder(
            report.groupBy().wireName()
                + ",requests,prompt_tokens,completion_tokens,total_tokens,cost_micros\n");
    for (SpendRow row : report.rows()) {
      out.append(quoted(row.group().orElse("")))
          .append(',')
          .append(row.requests())
          .append(',')
          .append(row.promptTokens())
          .append(',')
          .append(row.completionTokens())
          .append(',')
          .append(row.totalTokens())
          .append(',')
          .append(row.costMicros())
          .append('\n');
    }
    return out.toString();
  }

  /** The spend as {@code GET /api/v1/spend} answers it. */
  public static String json(SpendReport report) {
    return new String(
            Json.bytes(
                InsightJson.spend(
                    report.groupBy().wireName(),
                    java.util.Optional.of(report.period().from()),
                    java.util.Optional.of(report.period().to()),
                    report.rows())),
            StandardCharsets.UTF_8)
        + "\n";
  }

  private static String quoted(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\""
        : value;
  }
}
