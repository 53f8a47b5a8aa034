package dev.switchboard.gateway;

import dev.switchboard.provider.UpstreamClient;
import dev.switchboard.provider.UpstreamExchange;
import dev.switchboard.provider.UpstreamFailures;
import dev.switchboard.routing.FallbackPolicy;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.UpstreamCall;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.WireException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routes of one request and what happened at each. Decides, with the fallback policy, whether a
 * failure moves on to the next route, and turns the failures into one error naming the providers.
 */
final class Attempts {
  private final List<Route> routes;
  private final FallbackPolicy policy;
  private final List<String> failures = new ArrayList<>();
  private int index;
  private Optional<UpstreamFailure> last = Optional.empty();

  Attempts(List<Route> routes, FallbackPolicy policy) {
    this.routes = routes;
    this.policy = policy;
  }

  Route current() {
    return routes.get(index);
  }

  /**
   * Calls the route's provider. Completes with an exchange whose status is 2xx; anything else (a
   * transport error, a non-2xx answer) fails the future with the classified failure.
   */
  static Future<UpstreamExchange> call(UpstreamClient upstream, ChatCall call, Route route) {
    call.attempting(route);
    UpstreamCall encoded;
    try {
      encoded = route.format().encodeRequest(call.request, route.target());
    } catch (WireException e) {
      // This format cannot carry the request without changing its meaning; another may.
      return Future.failedFuture(
          new Failed(
              new UpstreamFailure(
                  UpstreamFailure.Retry.NOT_SENT,
                  ErrorKind.INVALID_REQUEST,
                  400,
                  Optional.empty(),
                  "cannot be translated to the "
                      + route.format().name()
                      + " format: "
                      + e.getMessage())));
    }
    call.dropped(dropped(call, route, encoded));
    return upstream
        .send(route.endpoint(), SimFaultHeader.addTo(encoded, call.simFault()))
        .recover(error -> Future.failedFuture(new Failed(UpstreamFailures.of(error, true))))
        .compose(
            exchange ->
                exchange.status() / 100 == 2
                    ? Future.succeededFuture(exchange)
                    : rejected(route, exchange));
  }

  /**
   * What the client sent that this attempt leaves out: the format's own list, and, across formats,
   * the top-level fields only the client's format carries (Claude Code's context_management).
   */
  private static List<String> dropped(ChatCall call, Route route, UpstreamCall encoded) {
    if (route.format() == call.ingress) {
      return encoded.dropped();
    }
    List<String> all = new ArrayList<>(call.request.source().untranslated());
    encoded.dropped().stream().filter(field -> !all.contains(field)).forEach(all::add);
    return all;
  }

  /** The failure behind a failed attempt future. */
  static UpstreamFailure failureOf(Throwable error) {
    return error instanceof Failed failed ? failed.failure : UpstreamFailures.of(error, true);
  }

  private static Future<UpstreamExchange> rejected(Route route, UpstreamExchange exchange) {
    return exchange
        .failure(route.format())
        .compose(failure -> Future.failedFuture(new Failed(failure)));
  }

  /** Carries a classified failure through a Vert.x future; never leaves this package. */
  private static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient UpstreamFailure failure;

    Failed(UpstreamFailure failure) {
      super(failure.detail(), null, false, false);
      this.failure = failure;
    }
  }

  /**
   * Records the current route's failure; returns the next route to try, if the policy allows one.
   */
  Optional<Route> failed(UpstreamFailure failure, boolean committed) {
    last = Optional.of(failure);
    failures.add(current().provider().id() + ": " + failure.detail());
    boolean more = index + 1 < routes.size();
    if (policy.decide(failure, committed, more) == FallbackPolicy.Decision.NEXT) {
      index++;
      return Optional.of(current());
    }
    return Optional.empty();
  }

  /**
   * Whether a provider's reply with this status is about the client's request or its pace (invalid,
   * too large, rate limited, overloaded), so that a client of the provider's format acts on it as
   * it would on the provider itself (Claude Code backs off on Anthropic's 529 overloaded_error).
   * Other replies (our credentials, the provider's own faults) stay ours: a 502 naming the
   * provider.
   */
  private static boolean tellsTheClient(int status) {
    return switch (status) {
      case 400, 413, 422, 429, 503, 529 -> true;
      default -> false;
    };
  }

  GatewayError error() {
    UpstreamFailure failure = last.orElseThrow();
    String provider = current().provider().id();
    String message =
        failures.size() == 1
            ? (failure.kind() == ErrorKind.INVALID_REQUEST
                    ? "provider '" + provider + "' rejected the request: "
                    : "provider '" + provider + "' failed: ")
                + failure.detail()
            : "all "
                + failures.size()
                + " providers tried for '"
                + current().deployment().modelId()
                + "' failed: "
                + String.join("; ", failures);
    GatewayError.Builder error = GatewayError.builder(failure.kind(), message).provider(provider);
    if (tellsTheClient(failure.status())) {
      error.providerError(failure.providerError());
    }
    failure.retryAfter().ifPresent(error::retryAfter);
    return error.build();
  }
}
