package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import dev.switchboard.insight.Dimension;
import dev.switchboard.insight.Insight;
import dev.switchboard.insight.InsightJson;
import dev.switchboard.insight.Period;
import dev.switchboard.insight.Rankings;
import dev.switchboard.insight.Scope;
import dev.switchboard.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.BiFunction;

/**
 * GET /api/v1/rankings?period=day|week|month&amp;by=model|author|origin|provider|app|category (also
 * key, provider_country, data_class, deployment): tokens per name over the period (ending with the
 * current hour), each name's share and change against the period before, most tokens first.
 */
final class RankingsEndpoint implements BiFunction<RoutingContext, ApiKey, Future<byte[]>> {
  private final Vertx vertx;
  private final Insight insight;
  private final Clock clock;

  RankingsEndpoint(Vertx vertx, Insight insight, Clock clock) {
    this.vertx = vertx;
    this.insight = insight;
    this.clock = clock;
  }

  @Override
  public Future<byte[]> apply(RoutingContext ctx, ApiKey key) {
    Period period;
    Dimension by;
    try {
      period = InsightRequests.choice(ctx, "period", Period::of, Period.WEEK);
      by = InsightRequests.choice(ctx, "by", Dimension::of, Dimension.MODEL);
    } catch (RuntimeException invalid) {
      return Future.failedFuture(invalid);
    }
    Scope scope = InsightRequests.scope(key);
    return vertx.executeBlocking(
        () -> body(insight.rankings(scope, period, by, clock.instant())), false);
  }

  static byte[] body(Rankings rankings) {
    return Json.bytes(InsightJson.rankings(rankings));
  }
}
