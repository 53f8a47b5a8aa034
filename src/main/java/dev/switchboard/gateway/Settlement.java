package dev.switchboard.gateway;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.money.Money;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Usage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;

/**
 * Prices a finished request and writes its ledger row. The returned future completes on the
 * caller's event loop once the row is durable, which is when the client may see the end. Token
 * estimates run on a small worker pool of their own, never on the event loop.
 */
public final class Settlement {
  /** nginx's status for a request the client abandoned; it never goes on the wire. */
  private static final int CLIENT_CLOSED = 499;

  /** Shared by every event loop's Settlement: estimates are rare, and bounded in time each. */
  private static final String ESTIMATES = "switchboard-token-estimates";

  private static final int ESTIMATE_THREADS = 2;

  private final LedgerWriter ledger;
  private final Catalog catalog;
  private final Vertx vertx;
  private final WorkerExecutor estimates;

  public Settlement(LedgerWriter ledger, Catalog catalog, Config.Logging logging, Vertx vertx) {
    RequestLog.use(logging.format());
    this.ledger = ledger;
    this.catalog = catalog;
    this.vertx = vertx;
    this.estimates = vertx.createSharedWorkerExecutor(ESTIMATES, ESTIMATE_THREADS);
  }

  /**
   * A completed answer: provider usage when reported, else an estimate; the usage returned carries
   * the cost.
   */
  Future<Usage> settle(
      ChatCall call, Route route, Optional<Usage> reported, String completionText) {
    Future<Usage> usage =
        reported.isPresent()
            ? Future.succeededFuture(reported.get())
            : estimate(call, route, completionText);
    return usage.compose(
        counted -> {
          Money cost = route.deployment().prices().cost(counted);
          Usage priced = counted.withCost(cost.toUsd());
          return append(call, record(call, priced, cost, 200, Optional.empty())).map(priced);
        });
  }

  /**
   * A request that ended in an error: its tokens are recorded, not billed (a cut answer is not
   * worth paying for).
   */
  Future<Void> fail(ChatCall call, GatewayError error, String completionText) {
    RequestLog.failed(call, error);
    return unfinished(call, completionText, false, error.kind().status(), error.kind().code());
  }

  /**
   * The client went away: what the provider generated until then is billed, as providers bill it.
   */
  Future<Void> cancelled(ChatCall call, String completionText) {
    return unfinished(call, completionText, true, CLIENT_CLOSED, "client_closed");
  }

  private Future<Void> unfinished(
      ChatCall call, String completionText, boolean billed, int status, String errorCode) {
    Optional<Route> route = call.route();
    // A request that never reached a provider used no tokens.
    Future<Usage> usage =
        route.isPresent()
            ? estimate(call, route.get(), completionText)
            : Future.succeededFuture(Usage.estimated(0, 0));
    return usage.compose(
        counted -> {
          Money cost =
              billed && route.isPresent()
                  ? route.get().deployment().prices().cost(counted)
                  : Money.ZERO;
          return append(call, record(call, counted, cost, status, Optional.of(errorCode)));
        });
  }

  /** Estimates off the event loop; the future completes back on the caller's context. */
  private Future<Usage> estimate(ChatCall call, Route route, String completionText) {
    int context = contextLength(route);
    return estimates.executeBlocking(
        () -> TokenEstimator.estimate(call.request, completionText, context), false);
  }

  private int contextLength(Route route) {
    return catalog
        .model(route.deployment().modelId())
        .map(route.deployment()::effectiveContextLength)
        .orElse(route.deployment().contextLength().orElse(Integer.MAX_VALUE));
  }

  private Future<Void> append(ChatCall call, UsageRecord record) {
    return Future.fromCompletionStage(
            ledger.append(record, call.attempts()), vertx.getOrCreateContext())
        .onSuccess(written -> RequestLog.finished(call, record));
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
            usage.cacheWrite5mTokens(),
            usage.cacheWrite1hTokens(),
            usage.reasoningTokens(),
            usage.isEstimated(),
            cost.micros(),
            call.elapsedMs(),
            call.timeToFirstTokenMs(),
            call.request.stream(),
            status,
            errorCode,
            call.providerModel())
        .withHandling(call.decision().handling());
  }
}
