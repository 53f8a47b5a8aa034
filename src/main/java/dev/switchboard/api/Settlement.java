package dev.switchboard.api;

import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.money.Money;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Usage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * Prices a finished request and writes its ledger row. The returned future completes on the
 * caller's event loop once the row is durable, which is when the client may see the end.
 */
final class Settlement {
  /** nginx's status for a request the client abandoned; it never goes on the wire. */
  private static final int CLIENT_CLOSED = 499;

  private final LedgerWriter ledger;
  private final Vertx vertx;

  Settlement(LedgerWriter ledger, Vertx vertx) {
    this.ledger = ledger;
    this.vertx = vertx;
  }

  /**
   * A completed answer: provider usage when reported, else an estimate; the usage returned carries
   * the cost.
   */
  Future<Usage> settle(
      ChatCall call, Route route, Optional<Usage> reported, String completionText) {
    Usage usage = reported.orElseGet(() -> TokenEstimator.estimate(call.request, completionText));
    Money cost = route.deployment().prices().cost(usage);
    Usage priced = usage.withCost(cost.toUsd());
    return append(record(call, priced, cost, 200, Optional.empty())).map(priced);
  }

  /**
   * A request that ended in an error: its tokens are recorded, not billed (a cut answer is not
   * worth paying for).
   */
  Future<Void> fail(ChatCall call, GatewayError error, String completionText) {
    RequestLog.failed(call, error);
    return append(
        unfinished(call, completionText, false, error.kind().status(), error.kind().code()));
  }

  /**
   * The client went away: what the provider generated until then is billed, as providers bill it.
   */
  Future<Void> cancelled(ChatCall call, String completionText) {
    return append(unfinished(call, completionText, true, CLIENT_CLOSED, "client_closed"));
  }

  private static UsageRecord unfinished(
      ChatCall call, String completionText, boolean billed, int status, String errorCode) {
    // A request that never reached a provider used no tokens.
    Usage usage =
        call.route().isPresent()
            ? TokenEstimator.estimate(call.request, completionText)
            : Usage.estimated(0, 0);
    Money cost =
        billed && call.route().isPresent()
            ? call.route().get().deployment().prices().cost(usage)
            : Money.ZERO;
    return record(call, usage, cost, status, Optional.of(errorCode));
  }

  private Future<Void> append(UsageRecord record) {
    return Future.fromCompletionStage(ledger.append(record), vertx.getOrCreateContext());
  }

  private static UsageRecord record(
      ChatCall call, Usage usage, Money cost, int status, Optional<String> errorCode) {
    Optional<Route> route = call.route();
    return new UsageRecord(
        call.generationId,
        call.startedAt,
        call.key.id(),
        call.request.model(),
        route.map(r -> r.deployment().modelId()),
        route.map(r -> r.provider().id()),
        usage.promptTokens(),
        usage.completionTokens(),
        usage.cachedPromptTokens(),
        usage.reasoningTokens(),
        usage.isEstimated(),
        cost.micros(),
        call.elapsedMs(),
        call.timeToFirstTokenMs(),
        call.request.stream(),
        status,
        errorCode);
  }
}
