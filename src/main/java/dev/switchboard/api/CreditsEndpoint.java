package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.account.ApiKey;
import dev.switchboard.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code GET /api/v1/credits} in OpenRouter's shape, {@code {"data": {total_credits, total_usage}}}
 * in USD, for the calling key: the credit limit and what counts against it now (the current
 * period's spend plus reservations in flight), so the difference is what is left. A key without a
 * limit has {@code total_credits: null} and its total spend as usage.
 */
final class CreditsEndpoint implements BiFunction<RoutingContext, ApiKey, Future<byte[]>> {
  private final Vertx vertx;
  private final KeyUsageSource usage;

  CreditsEndpoint(Vertx vertx, KeyUsageSource usage) {
    this.vertx = vertx;
    this.usage = usage;
  }

  @Override
  public Future<byte[]> apply(RoutingContext ctx, ApiKey key) {
    return Future.fromCompletionStage(
        usage
            .usage(key, Optional.empty())
            .thenApply(
                u -> {
                  ObjectNode root = Json.object();
                  ObjectNode data = root.putObject("data");
                  if (key.limitMicros().isPresent()) {
                    data.put("total_credits", KeyJson.usd(key.limitMicros().getAsLong()))
                        .put(
                            "total_usage", KeyJson.usd(u.limitPeriodMicros() + u.reservedMicros()));
                  } else {
                    data.putNull("total_credits").put("total_usage", KeyJson.usd(u.totalMicros()));
                  }
                  return Json.bytes(root);
                }),
        vertx.getOrCreateContext());
  }
}
