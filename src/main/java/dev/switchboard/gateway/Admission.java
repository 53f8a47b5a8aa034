package dev.switchboard.gateway;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.budget.BudgetExceeded;
import dev.switchboard.budget.BudgetWindow;
import dev.switchboard.budget.BudgetWindows;
import dev.switchboard.budget.Reservation;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.money.Money;
import dev.switchboard.ratelimit.Permit;
import dev.switchboard.ratelimit.RateLimited;
import dev.switchboard.ratelimit.RateLimiterUnavailable;
import dev.switchboard.routing.Route;
import dev.switchboard.storage.StorageException;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Holds a request to its key's rules before any provider is called (the edge already refused an
 * expired or admin key): allowed models, rate limits, then a budget reservation of what the request
 * is expected to cost (its prompt, estimated from its size, plus a typical answer for the model),
 * never the theoretical worst case. A unary request reserves up to its worst case, as far as the
 * budget goes, since it cannot top up on the way. Fails with the GatewayError the client gets: 403,
 * 429, 402, or 503 when a limit cannot be checked.
 */
final class Admission {
  /** A reservation pays for at least this much answer, or the request is refused. */
  static final long MIN_OUTPUT_TOKENS = 16;

  /** An answer limit for a model that declares none, for the worst case of a unary request. */
  private static final long UNKNOWN_OUTPUT_LIMIT = 32_768;

  private static final int RESERVE_TRIES = 3;

  private final Limits limits;
  private final Catalog catalog;
  private final Vertx vertx;

  Admission(Limits limits, Catalog catalog, Vertx vertx) {
    this.limits = limits;
    this.catalog = catalog;
    this.vertx = vertx;
  }

  /**
   * The hold on the key's limits, on the caller's event loop, or the error to answer; the
   * rate-limit headers go to {@code client} either way.
   */
  Future<KeyHold> admit(ChatCall call, List<Route> planned, ClientChannel client) {
    return hold(call, planned, client)
        .onSuccess(
            held -> {
              held.permit().headers().forEach(client::header);
              if (!call.request.stream()) {
                held.outputCap(held.routes().getFirst())
                    .ifPresent(
                        cap -> client.header(ClientChannel.MAX_TOKENS_LOWERED, Long.toString(cap)));
              }
            });
  }

  private Future<KeyHold> hold(ChatCall call, List<Route> planned, ClientChannel client) {
    ApiKey key = call.key;
    KeyRules rules = key.rules();
    List<Route> routes;
    try {
      routes = allowed(call, planned);
    } catch (GatewayError refused) {
      return Future.failedFuture(refused);
    }
    boolean counts = rules.hasMoneyLimit() || rules.tpm().isPresent();
    if (!counts && rules.rpm().isEmpty() && rules.concurrency().isEmpty()) {
      return Future.succeededFuture(KeyHold.free(routes));
    }
    Instant now = Instant.now();
    long tokens = counts ? promptTokens(call, routes) : 0;
    RequestCost cost = new RequestCost(routes, tokens);
    long expected = expectedOutput(call, routes);
    return onLoop(limits.rateLimits().acquire(key, tokens + expected))
        .recover(error -> Future.failedFuture(rateLimitError(error, client)))
        .compose(permit -> reserve(call, routes, cost, expected, now, permit));
  }

  private List<Route> allowed(ChatCall call, List<Route> planned) {
    ApiKey key = call.key;
    if (key.allowsModel(call.request.model())) {
      return planned;
    }
    List<Route> routes =
        planned.stream().filter(r -> key.allowsModel(r.deployment().modelId())).toList();
    if (routes.isEmpty()) {
      throw GatewayError.builder(
              ErrorKind.FORBIDDEN,
              "this key may not use "
                  + call.request.model()
                  + "; it may use: "
                  + String.join(", ", key.rules().models()))
          .param("model")
          .build();
    }
    return routes;
  }

  private Future<KeyHold> reserve(
      ChatCall call,
      List<Route> routes,
      RequestCost cost,
      long expected,
      Instant now,
      Permit permit) {
    OptionalLong requested = call.request.maxOutputTokens();
    // No window applies without a money limit, nor to a session cap alone without a session.
    List<BudgetWindow> windows = BudgetWindows.of(call.key, call.sessionId(), now, limits.zone());
    if (windows.isEmpty()) {
      return Future.succeededFuture(new KeyHold(permit, Optional.empty(), cost, routes, requested));
    }
    long least = cost.dearest(Math.min(MIN_OUTPUT_TOKENS, Math.max(1, expected)));
    long wanted =
        call.request.stream() ? cost.dearest(expected) : cost.dearest(worstOutput(call, routes));
    return reserve(call.generationId, windows, Math.max(least, wanted), least, RESERVE_TRIES)
        .map(held -> new KeyHold(permit, Optional.of(held), cost, routes, requested))
        .onFailure(refused -> permit.release(0));
  }

  /**
   * Reserves {@code wanted}, or as much as the windows have left when that is at least {@code
   * least}: a request the key can pay for at a reasonable size is never refused.
   */
  private Future<Reservation> reserve(
      String id, List<BudgetWindow> windows, long wanted, long least, int tries) {
    return onLoop(limits.budgets().reserve(id, windows, wanted))
        .recover(
            error -> {
              Throwable cause = unwrap(error);
              if (cause instanceof BudgetExceeded exceeded
                  && exceeded.remainingMicros() >= least
                  && exceeded.remainingMicros() < wanted
                  && tries > 1) {
                return reserve(id, windows, exceeded.remainingMicros(), least, tries - 1);
              }
              return Future.failedFuture(budgetError(cause, least));
            });
  }

  private long expectedOutput(ChatCall call, List<Route> routes) {
    Route first = routes.getFirst();
    return limits
        .outputs()
        .expectedOutputTokens(
            first.deployment().modelId(), call.request.maxOutputTokens(), outputLimit(first));
  }

  /** The most a unary answer can be: the request's limit, else the model's, else a default. */
  private long worstOutput(ChatCall call, List<Route> routes) {
    OptionalLong requested = call.request.maxOutputTokens();
    if (requested.isPresent()) {
      return requested.getAsLong();
    }
    long most = 0;
    for (Route route : routes) {
      most = Math.max(most, outputLimit(route).orElse(UNKNOWN_OUTPUT_LIMIT));
    }
    return most;
  }

  private OptionalLong outputLimit(Route route) {
    return catalog
        .model(route.deployment().modelId())
        .map(route.deployment()::effectiveMaxOutputTokens)
        .filter(limit -> limit.isPresent())
        .map(limit -> OptionalLong.of(limit.getAsInt()))
        .orElse(OptionalLong.empty());
  }

  /**
   * The prompt's tokens as UTF-8 bytes / 4: the tokenizer would cost tens of microseconds per KB on
   * every request, and the provider's own count, which settles the cost, replaces this estimate
   * anyway. A prompt denser than that (code, CJK) costs more than reserved: the settlement tops the
   * reservation up, and never charges past the limit.
   */
  private long promptTokens(ChatCall call, List<Route> routes) {
    return TokenEstimator.promptTokensByBytes(call.request, contextLength(routes.getFirst()));
  }

  private int contextLength(Route route) {
    return catalog
        .model(route.deployment().modelId())
        .map(route.deployment()::effectiveContextLength)
        .orElse(route.deployment().contextLength().orElse(Integer.MAX_VALUE));
  }

  private <T> Future<T> onLoop(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
  }

  private static GatewayError rateLimitError(Throwable error, ClientChannel client) {
    Throwable cause = unwrap(error);
    if (cause instanceof RateLimited limited) {
      limited.headers().forEach(client::header);
      return GatewayError.builder(
              ErrorKind.RATE_LIMITED,
              "this key's limit of "
                  + limited.limit()
                  + " is reached; retry after "
                  + Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000)
                  + " s")
          .retryAfter(limited.retryAfter())
          .build();
    }
    if (cause instanceof RateLimiterUnavailable) {
      return GatewayError.of(
          ErrorKind.UNAVAILABLE,
          "the rate limiter (Redis) cannot be reached, so this key's limits cannot be checked;"
              + " retry shortly");
    }
    return GatewayError.builder(ErrorKind.INTERNAL, "the rate limits could not be checked")
        .cause(cause)
        .build();
  }

  private static GatewayError budgetError(Throwable cause, long least) {
    if (cause instanceof BudgetExceeded exceeded) {
      BudgetWindow window = exceeded.window();
      String what =
          switch (window.kind()) {
            case CREDIT -> "this key's credit limit";
            case DAY -> "this key's daily cap";
            case SESSION -> "this key's cap per session";
          };
      return GatewayError.of(
          ErrorKind.INSUFFICIENT_CREDIT,
          what
              + " ("
              + Money.ofMicros(window.limitMicros())
              + ") has "
              + Money.ofMicros(exceeded.remainingMicros())
              + " left; this request needs at least "
              + Money.ofMicros(least)
              + " (its prompt and a short answer); raise the limit or use another key");
    }
    if (cause instanceof StorageException) {
      return GatewayError.of(
          ErrorKind.UNAVAILABLE,
          "the budget store (database) cannot be reached, so this key's budget cannot be"
              + " checked; retry shortly");
    }
    return GatewayError.builder(ErrorKind.INTERNAL, "the budget could not be checked")
        .cause(cause)
        .build();
  }

  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
