package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.account.ApiKey;
import dev.switchboard.insight.CountryEnergy;
import dev.switchboard.insight.EnergyReport;
import dev.switchboard.insight.Insight;
import dev.switchboard.insight.ModelEnergy;
import dev.switchboard.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;

/**
 * GET /api/v1/energy?from=&amp;to=: the estimated electricity behind the caller's tokens, its cost
 * and carbon at each provider country's industrial price and grid intensity, per country and per
 * model. Every figure is an estimate ({@code "estimate": true}); {@code formula} says how.
 */
final class EnergyEndpoint implements BiFunction<RoutingContext, ApiKey, Future<byte[]>> {
  private final Vertx vertx;
  private final Insight insight;

  EnergyEndpoint(Vertx vertx, Insight insight) {
    this.vertx = vertx;
    this.insight = insight;
  }

  @Override
  public Future<byte[]> apply(RoutingContext ctx, ApiKey key) {
    return InsightRequests.report(
        vertx, ctx, key, (scope, range) -> body(insight.energy(scope, range.from(), range.to())));
  }

  static byte[] body(EnergyReport report) {
    ObjectNode root = Json.object();
    ObjectNode data = root.putObject("data");
    data.put("estimate", true)
        .put("formula", report.formula())
        .put("wh", report.wh())
        .put("cost", report.costUsd())
        .put("co2_grams", report.co2Grams());
    ArrayNode countries = data.putArray("countries");
    for (CountryEnergy country : report.countries()) {
      countries
          .addObject()
          .put("country", country.country())
          .put("wh", country.wh())
          .put("cost", country.costUsd())
          .put("co2_grams", country.co2Grams())
          .put("price_usd_per_kwh", country.priceUsdPerKwh())
          .put("grid_g_per_kwh", country.gridGramsPerKwh());
    }
    ArrayNode models = data.putArray("models");
    for (ModelEnergy model : report.models()) {
      models.addObject().put("model", model.model()).put("wh", model.wh());
    }
    return Json.bytes(root);
  }
}
