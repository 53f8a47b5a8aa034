package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.account.ApiKey;
import dev.switchboard.insight.ClassSpend;
import dev.switchboard.insight.Insight;
import dev.switchboard.insight.InsightJson;
import dev.switchboard.ledger.LedgerReader;
import dev.switchboard.ledger.SpendGroup;
import dev.switchboard.ledger.SpendQuery;
import dev.switchboard.ledger.SpendRow;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * GET /api/v1/spend?group_by=data_class|key|model|provider|app|day&amp;from=&amp;to=: the caller's
 * requests, tokens and exact cost per group over {@code [from, to)} (ISO dates, read as UTC
 * midnight, or instants; all time by default; {@code group_by} defaults to {@code model}). A key
 * sees only its own rows, an admin key every key's. {@code cost} is the exact decimal of {@code
 * cost_micros}. {@code group_by=day,data_class} groups by both (from the hourly rollups: whole
 * hours), each item carrying {@code day} and {@code data_class}.
 */
final class SpendEndpoint implements BiFunction<RoutingContext, ApiKey, Future<byte[]>> {
  static final String DAY_AND_CLASS = "day,data_class";
  private static final SpendGroup DEFAULT_GROUP = SpendGroup.MODEL;

  private final Vertx vertx;
  private final LedgerReader ledger;
  private final Insight insight;

  SpendEndpoint(Vertx vertx, LedgerReader ledger, Insight insight) {
    this.vertx = vertx;
    this.ledger = ledger;
    this.insight = insight;
  }

  @Override
  public Future<byte[]> apply(RoutingContext ctx, ApiKey key) {
    Optional<String> groupBy = InsightRequests.param(ctx, "group_by");
    InsightRequests.Range range;
    try {
      range = InsightRequests.range(ctx);
    } catch (GatewayError invalid) {
      return Future.failedFuture(invalid);
    }
    if (groupBy.map(g -> g.replace(" ", "").replace('-', '_')).orElse("").equals(DAY_AND_CLASS)) {
      return vertx.executeBlocking(
          () ->
              dayAndClassBody(
                  range,
                  insight.spendByDayAndClass(InsightRequests.scope(key), range.from(), range.to())),
          false);
    }
    SpendQuery query;
    try {
      SpendGroup group = InsightRequests.choice(ctx, "group_by", SpendGroup::of, DEFAULT_GROUP);
      query = SpendQuery.of(group).between(range.from(), range.to());
    } catch (GatewayError invalid) {
      return Future.failedFuture(invalid);
    }
    SpendQuery scoped = key.admin() ? query : query.ofKey(key.id());
    return vertx.executeBlocking(() -> body(scoped, ledger.spend(scoped)), false);
  }

  private static byte[] body(SpendQuery query, List<SpendRow> rows) {
    return Json.bytes(
        InsightJson.spend(query.groupBy().wireName(), query.from(), query.to(), rows));
  }

  private static byte[] dayAndClassBody(InsightRequests.Range range, List<ClassSpend> rows) {
    ObjectNode root = InsightJson.spend(DAY_AND_CLASS, range.from(), range.to(), List.of());
    ArrayNode data = root.putArray("data");
    for (ClassSpend row : rows) {
      ObjectNode item =
          data.addObject().put("day", row.day().toString()).put("data_class", row.dataClass());
      InsightJson.amounts(
          item, row.requests(), row.promptTokens(), row.completionTokens(), row.costMicros());
    }
    return Json.bytes(root);
  }
}
