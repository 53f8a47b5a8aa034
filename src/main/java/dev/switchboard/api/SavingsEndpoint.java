package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.account.ApiKey;
import dev.switchboard.insight.Insight;
import dev.switchboard.insight.ModelSavings;
import dev.switchboard.insight.Savings;
import dev.switchboard.money.Money;
import dev.switchboard.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;

/**
 * GET /api/v1/savings?baseline=anthropic/claude-opus-4.6&amp;from=&amp;to=: what the caller's
 * requests cost, what the same tokens would have cost at the baseline model's list prices (cache
 * reads, cache writes and reasoning tokens priced as the baseline prices them), the difference, the
 * ratio baseline/actual, and the same per served model.
 */
final class SavingsEndpoint implements BiFunction<RoutingContext, ApiKey, Future<byte[]>> {
  static final String DEFAULT_BASELINE = "anthropic/claude-opus-4.6";

  private final Vertx vertx;
  private final Insight insight;

  SavingsEndpoint(Vertx vertx, Insight insight) {
    this.vertx = vertx;
    this.insight = insight;
  }

  @Override
  public Future<byte[]> apply(RoutingContext ctx, ApiKey key) {
    String baseline = InsightRequests.param(ctx, "baseline").orElse(DEFAULT_BASELINE).strip();
    return InsightRequests.report(
        vertx,
        ctx,
        key,
        (scope, range) -> {
          try {
            return body(insight.savings(scope, baseline, range.from(), range.to()));
          } catch (IllegalArgumentException unknown) {
            throw InsightRequests.invalid("baseline", String.valueOf(unknown.getMessage()));
          }
        });
  }

  static byte[] body(Savings savings) {
    ObjectNode root = Json.object();
    ObjectNode data = root.putObject("data");
    data.put("baseline", savings.baseline())
        .put("cost", Money.ofMicros(savings.costMicros()).toUsd())
        .put("cost_micros", savings.costMicros())
        .put("baseline_cost", Money.ofMicros(savings.baselineCostMicros()).toUsd())
        .put("baseline_cost_micros", savings.baselineCostMicros())
        .put("saved", Money.ofMicros(savings.savedMicros()).toUsd())
        .put("saved_micros", savings.savedMicros());
    if (savings.ratio().isPresent()) {
      data.put("ratio", savings.ratio().getAsDouble());
    } else {
      data.putNull("ratio");
    }
    ArrayNode models = data.putArray("models");
    for (ModelSavings model : savings.models()) {
      models
          .addObject()
          .put("model", model.model())
          .put("prompt_tokens", model.promptTokens())
          .put("completion_tokens", model.completionTokens())
          .put("cost_micros", model.costMicros())
          .put("baseline_cost_micros", model.baselineCostMicros());
    }
    return Json.bytes(root);
  }
}
