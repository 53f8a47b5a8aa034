package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.account.ApiKey;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Provider;
import dev.switchboard.insight.ActivityRow;
import dev.switchboard.insight.Insight;
import dev.switchboard.insight.Scope;
import dev.switchboard.money.Money;
import dev.switchboard.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * GET /api/v1/activity[?date=2026-12-01]: OpenRouter's activity, per UTC day and model endpoint
 * over the last 30 days (one day with {@code date}), newest first: spend ({@code usage}, USD),
 * requests and tokens. {@code endpoint_id} names the deployment ({@code model@provider}).
 */
final class ActivityEndpoint implements BiFunction<RoutingContext, ApiKey, Future<byte[]>> {
  private final Vertx vertx;
  private final Insight insight;
  private final Catalog catalog;
  private final Clock clock;

  ActivityEndpoint(Vertx vertx, Insight insight, Catalog catalog, Clock clock) {
    this.vertx = vertx;
    this.insight = insight;
    this.catalog = catalog;
    this.clock = clock;
  }

  @Override
  public Future<byte[]> apply(RoutingContext ctx, ApiKey key) {
    Optional<LocalDate> date;
    try {
      date = InsightRequests.param(ctx, "date").map(ActivityEndpoint::date);
    } catch (RuntimeException invalid) {
      return Future.failedFuture(invalid);
    }
    Scope scope = InsightRequests.scope(key);
    return vertx.executeBlocking(
        () -> {
          List<ActivityRow> rows = insight.activity(scope, clock.instant());
          return body(
              date.map(d -> rows.stream().filter(r -> r.date().equals(d)).toList()).orElse(rows));
        },
        false);
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw InsightRequests.invalid(
          "date", "'" + GenerationEndpoint.clip(text) + "' is not an ISO date (2026-12-05)");
    }
  }

  private byte[] body(List<ActivityRow> rows) {
    ObjectNode root = Json.object();
    ArrayNode data = root.putArray("data");
    for (ActivityRow row : rows) {
      String providerName =
          catalog.provider(row.provider()).map(Provider::name).orElse(row.provider());
      data.addObject()
          .put("date", row.date().toString())
          .put("model", row.model())
          .put("model_permaslug", row.model())
          .put("endpoint_id", row.model() + "@" + row.provider())
          .put("provider_name", providerName)
          .put("usage", Money.ofMicros(row.costMicros()).toUsd())
          .put("byok_usage_inference", 0)
          .put("requests", row.requests())
          .put("prompt_tokens", row.promptTokens())
          .put("completion_tokens", row.completionTokens())
          .put("reasoning_tokens", row.reasoningTokens());
    }
    return Json.bytes(root);
  }
}
