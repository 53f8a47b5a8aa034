package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.account.ApiKey;
import dev.switchboard.ledger.LedgerReader;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.money.Money;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * GET /api/v1/requests?limit=&amp;after=: the live request log, the rows last written first (at
 * most {@code limit}, 50 by default, 500 at most; only those written after generation id {@code
 * after} when given). A key sees its own requests, an admin key everyone's. Each row says what a
 * request used and cost, never what it said: no prompt or answer text exists in the ledger.
 */
final class RequestLogEndpoint implements BiFunction<RoutingContext, ApiKey, Future<byte[]>> {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final Vertx vertx;
  private final LedgerReader ledger;

  RequestLogEndpoint(Vertx vertx, LedgerReader ledger) {
    this.vertx = vertx;
    this.ledger = ledger;
  }

  @Override
  public Future<byte[]> apply(RoutingContext ctx, ApiKey key) {
    int limit;
    try {
      limit = limit(Optional.ofNullable(ctx.request().getParam("limit")));
    } catch (GatewayError invalid) {
      return Future.failedFuture(invalid);
    }
    Optional<String> after =
        Optional.ofNullable(ctx.request().getParam("after")).filter(a -> !a.isBlank());
    Optional<String> owner = key.admin() ? Optional.empty() : Optional.of(key.id());
    return vertx.executeBlocking(() -> body(ledger.log(limit, owner, after)));
  }

  private static int limit(Optional<String> text) {
    if (text.isEmpty() || text.get().isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.get().strip());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException notANumber) {
      // Refused below with the range.
    }
    throw GatewayError.builder(
            ErrorKind.INVALID_REQUEST,
            "limit: '"
                + GenerationEndpoint.clip(text.get())
                + "' is not a whole number from 1 to "
                + MAX_LIMIT)
        .param("limit")
        .build();
  }

  static byte[] body(List<UsageRecord> rows) {
    ObjectNode root = Json.object();
    ArrayNode data = root.putArray("data");
    rows.forEach(row -> data.add(row(row)));
    return Json.bytes(root);
  }

  private static ObjectNode row(UsageRecord r) {
    ObjectNode out =
        Json.object()
            .put("id", r.id())
            .put("at", r.at().toString())
            .put("requested_model", r.requestedModel());
    putOptional(out, "model", r.servedModel());
    putOptional(out, "provider", r.provider());
    out.put("prompt_tokens", r.promptTokens())
        .put("completion_tokens", r.completionTokens())
        .put("total_tokens", r.totalTokens())
        .put("cost", Money.ofMicros(r.costMicros()).toUsd())
        .put("cost_micros", r.costMicros())
        .put("data_class", r.handling().dataClass())
        .put("policy_action", r.handling().action());
    putOptional(out, "app", r.app());
    putOptional(out, "category", r.category());
    out.put("status", r.status());
    putOptional(out, "error_code", r.errorCode());
    out.put("latency_ms", r.latencyMs());
    if (r.ttftMs().isPresent()) {
      out.put("ttft_ms", r.ttftMs().getAsLong());
    } else {
      out.putNull("ttft_ms");
    }
    return out.put("stream", r.stream());
  }

  private static void putOptional(ObjectNode out, String field, Optional<String> value) {
    value.ifPresentOrElse(v -> out.put(field, v), () -> out.putNull(field));
  }
}
