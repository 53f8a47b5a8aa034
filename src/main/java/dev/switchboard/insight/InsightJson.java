package dev.switchboard.insight;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.ledger.SpendRow;
import dev.switchboard.money.Money;
import dev.switchboard.wire.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of the reports, the same for the API and {@code switchboard report --format json}: the
 * rankings under {@code data}, spend rows as {@code GET /api/v1/spend} lists them.
 */
public final class InsightJson {
  private InsightJson() {}

  /** {@code {"data":{"period","by","from","to","total_tokens","items":[...]}}}. */
  public static ObjectNode rankings(Rankings rankings) {
    ObjectNode root = Json.object();
    ObjectNode data = root.putObject("data");
    data.put("period", rankings.period().name())
        .put("by", rankings.by().wireName())
        .put("from", rankings.period().from().toString())
        .put("to", rankings.period().to().toString())
        .put("total_tokens", rankings.totalTokens());
    ArrayNode items = data.putArray("items");
    for (RankedItem item : rankings.items()) {
      ObjectNode row =
          items
              .addObject()
              .put("name", item.name())
              .put("tokens", item.tokens())
              .put("prompt_tokens", item.promptTokens())
              .put("completion_tokens", item.completionTokens())
              .put("requests", item.requests())
              .put("share", item.share())
              .put("previous_tokens", item.previousTokens());
      if (item.change().isPresent()) {
        row.put("change", item.change().getAsDouble());
      } else {
        row.putNull("change");
      }
    }
    return root;
  }

  /** {@code {"group_by","from","to","data":[{<group>, requests, tokens, cost, cost_micros}]}}. */
  public static ObjectNode spend(
      String groupBy, Optional<Instant> from, Optional<Instant> to, List<SpendRow> rows) {
    ObjectNode root = Json.object().put("group_by", groupBy);
    from.ifPresentOrElse(f -> root.put("from", f.toString()), () -> root.putNull("from"));
    to.ifPresentOrElse(t -> root.put("to", t.toString()), () -> root.putNull("to"));
    ArrayNode data = root.putArray("data");
    for (SpendRow row : rows) {
      ObjectNode item = data.addObject();
      row.group().ifPresentOrElse(g -> item.put(groupBy, g), () -> item.putNull(groupBy));
      amounts(item, row.requests(), row.promptTokens(), row.completionTokens(), row.costMicros());
    }
    return root;
  }

  /** Requests, tokens and exact cost of one spend item. */
  public static void amounts(
      ObjectNode item, long requests, long prompt, long completion, long costMicros) {
    item.put("requests", requests)
        .put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", Math.addExact(prompt, completion))
        .put("cost", Money.ofMicros(costMicros).toUsd())
        .put("cost_micros", costMicros);
  }
}
