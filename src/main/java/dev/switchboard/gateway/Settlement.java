package dev.switchboard.gateway;

import dev.switchboard.autoroute.AutoChoice;
import dev.switchboard.budget.Reservation;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Logging;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.money.Money;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Usage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Prices a finished request and writes its ledger row. The returned future completes on the
 * caller's event loop once the row is durable, which is when the client may see the end. Token
 * estimates run on a small worker pool of their own, never on the event loop.
 *
 * <p>A request holding a budget reservation is charged within it: a cost above it first tops the
 * reservation up from what the budget has left, and what even that cannot pay is not charged (and
 * logged), so a key's settled spend never passes its limit. The row carries the reservation, which
 * it settles; the rate-limit hold is freed with the tokens really used.
 */
public final class Settlement {
  /** nginx's status for a request the client abandoned; it never goes on the wire. */
  private static final int CLIENT_CLOSED = 499;

  /** Shared by every event loop's Settlement: estimates are rare, and bounded in time each. */
  private static final String ESTIMATES = "switchboard-token-estimates";

  private static final int ESTIMATE_THREADS = 2;

  private final LedgerWriter ledger;
  private final Catalog catalog;
  private final Limits limits;
  private final Vertx vertx;
  private final WorkerExecutor estimates;

  // Exchanges open and settlements not yet answered by the ledger, which a stopping gateway waits
  // for before it closes the loops they complete on.
  private final InFlight inFlight = new InFlight();

  Settlement(LedgerWriter ledger, Catalog catalog, Logging logging, Limits limits, Vertx vertx) {
    RequestLog.use(logging.format());
    this.ledger = ledger;
    this.catalog = catalog;
    this.limits = limits;
    this.vertx = vertx;
    this.estimates = vertx.createSharedWorkerExecutor(ESTIMATES, ESTIMATE_THREADS);
  }

  /**
   * A completed answer: provider usage when reported, else an estimate; the usage returned carries
   * the cost.
   */
  Future<Usage> settle(
      ChatCall call, Route route, Optional<Usage> reported, String completionText) {
    return tracked(() -> priced(call, route, reported, completionText));
  }

  private Future<Usage> priced(
      ChatCall call, Route route, Optional<Usage> reported, String completionText) {
    Future<Usage> usage =
        reported.isPresent()
            ? Future.succeededFuture(reported.get())
            : estimate(call, route, completionText);
    return usage.compose(
        counted ->
            charge(call, route.deployment().prices().cost(counted))
                .compose(
                    charged -> {
                      Usage priced = counted.withCost(charged.toUsd());
                      limits
                          .outputs()
                          .observe(route.deployment().modelId(), counted.completionTokens());
                      return append(call, record(call, priced, charged, 200, Optional.empty()))
                          .map(priced);
                    }));
  }

  /**
   * Completes once every exchange this settlement was told of has ended and every settlement begun
   * has been answered by the ledger: a stopping gateway waits for it after its server stopped,
   * because a settlement still estimating tokens would otherwise complete on a closed loop and its
   * row be lost.
   */
  Future<Void> settled() {
    return inFlight.drained();
  }

  /**
   * Counts the exchange on {@code client} as in flight until one turn of its event loop after it
   * ended. A client that hangs up begins its settlement while Vert.x reports the close, and the
   * server's shutdown can complete before that report (Netty completes a channel's close future
   * first, and fires its inactivity in a later task), so the end alone is not enough to wait for.
   */
  void track(ClientChannel client) {
    inFlight.begin();
    Context context = vertx.getOrCreateContext();
    client.onEnd(() -> context.runOnContext(ended -> inFlight.end()));
  }

  // Counted before it starts: its row may be handed to the ledger before this returns.
  private <T> Future<T> tracked(Supplier<Future<T>> settlement) {
    inFlight.begin();
    return settlement.get().onComplete(done -> inFlight.end());
  }

  /** A meter of a stream's answer against the reservation {@code hold} holds, on this loop. */
  SpendMeter meter(KeyHold hold, Route route) {
    return new SpendMeter(hold, route, limits.budgets(), vertx.getOrCreateContext());
  }

  /**
   * A request that ended in an error: its tokens are recorded, not billed (a cut answer is not
   * worth paying for).
   */
  Future<Void> fail(ChatCall call, GatewayError error, String completionText) {
    RequestLog.failed(call, error);
    // An answer cut because the key's budget ran out was generated and received: it is billed,
    // within the reservation.
    boolean billed = error.kind() == ErrorKind.INSUFFICIENT_CREDIT;
    return unfinished(call, completionText, billed, error.kind().status(), error.kind().code());
  }

  /**
   * The client went away: what the provider generated until then is billed, as providers bill it.
   */
  Future<Void> cancelled(ChatCall call, String completionText) {
    return unfinished(call, completionText, true, CLIENT_CLOSED, "client_closed");
  }

  private Future<Void> unfinished(
      ChatCall call, String completionText, boolean billed, int status, String errorCode) {
    return tracked(() -> recorded(call, completionText, billed, status, errorCode));
  }

  private Future<Void> recorded(
      ChatCall call, String completionText, boolean billed, int status, String errorCode) {
    Optional<Route> route = call.route();
    // A request that never reached a provider used no tokens.
    Future<Usage> usage =
        route.isPresent()
            ? estimate(call, route.get(), completionText)
            : Future.succeededFuture(Usage.estimated(0, 0));
    return usage.compose(
        counted ->
            charge(
                    call,
                    billed && route.isPresent()
                        ? route.get().deployment().prices().cost(counted)
                        : Money.ZERO)
                .compose(
                    charged ->
                        append(
                            call, record(call, counted, charged, status, Optional.of(errorCode)))));
  }

  /**
   * What the key is charged for {@code cost}: all of it, unless it holds a reservation that even a
   * top-up cannot stretch to it.
   */
  private Future<Money> charge(ChatCall call, Money cost) {
    Optional<Reservation> held = call.hold().flatMap(KeyHold::reservation);
    if (held.isEmpty() || cost.micros() <= held.get().amountMicros()) {
      return Future.succeededFuture(cost);
    }
    Reservation reservation = held.get();
    long missing = cost.micros() - reservation.amountMicros();
    return Future.fromCompletionStage(
            limits.budgets().topUp(reservation, missing), vertx.getOrCreateContext())
        .otherwise(reservation)
        .map(
            grown -> {
              call.hold().orElseThrow().toppedUp(grown);
              if (grown.amountMicros() < cost.micros()) {
                RequestLog.uncharged(call, cost.micros() - grown.amountMicros());
              }
              return Money.ofMicros(Math.min(cost.micros(), grown.amountMicros()));
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

  /**
   * Completes once the row is durable, which may be before its commit (see {@link
   * LedgerWriter#write}); then the reservation is settled and the request logged. The settling
   * comes before the answer ends: a client that sends its next request on receiving this one's
   * answer must find this one's cost in place of its reservation, on any event loop. The log line
   * waits for the loop's next task, after the answer's write: nobody waits for it.
   */
  private Future<Void> append(ChatCall call, UsageRecord record) {
    CompletableFuture<Void> durable = ledger.write(record, call.attempts()).durable();
    // Already durable (journaled): no hop through the loop's task queue before the answer ends.
    Future<Void> written =
        durable.isDone() && !durable.isCompletedExceptionally()
            ? Future.succeededFuture()
            : Future.fromCompletionStage(durable, vertx.getOrCreateContext());
    return written.onComplete(
        done -> {
          released(call, record, done.succeeded());
          if (done.succeeded()) {
            // The task holds the route's name, not the call: under load a loop's queue can hold
            // hundreds of these, and a call holds its whole request (an agent's is 80 KB).
            String route = call.route;
            vertx.getOrCreateContext().runOnContext(after -> RequestLog.finished(route, record));
          }
        });
  }

  /** The row is written (or could not be): the reservation is settled and the permit freed. */
  private void released(ChatCall call, UsageRecord record, boolean written) {
    call.hold()
        .ifPresent(
            hold -> {
              hold.reservation()
                  .ifPresent(
                      reservation -> {
                        if (written) {
                          limits.budgets().settled(reservation, record.costMicros());
                        } else {
                          limits.budgets().abandoned(reservation);
                        }
                      });
              hold.release(record.promptTokens() + record.completionTokens());
            });
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
        .labelled(
            call.decision().handling(),
            call.sessionId(),
            call.hold().flatMap(KeyHold::reservation).map(Reservation::id),
            call.app(),
            call.category(),
            call.auto().map(AutoChoice::ledgerPick));
  }
}
