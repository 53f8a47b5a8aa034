package dev.switchboard.gateway;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.routing.FallbackPolicy;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.UpstreamCall;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.WireException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The routes of one request and what happened at each try. Decides, with the fallback policy and
 * the retry budget, what follows a failure (the same route again, the next, or the end); reports
 * every try as one {@link Attempt} to the listener and the call; turns the failures into one error
 * naming the providers. Event-loop confined.
 */
final class Attempts {
  private final ChatCall call;
  private final List<Route> routes;
  private final Recovery recovery;
  private final List<String> failures = new ArrayList<>();
  private int index;
  private boolean retried;
  private boolean budgetSpent;
  private Optional<UpstreamFailure> last = Optional.empty();

  /** The try in progress: its number (from 1), start, first content; open until reported. */
  private int number;

  private boolean open;
  private Instant startedAt = Instant.EPOCH;
  private long startNanos;
  private long firstTokenNanos;

  Attempts(ChatCall call, List<Route> routes, Recovery recovery) {
    this.call = call;
    this.routes = routes;
    this.recovery = recovery;
  }

  Route current() {
    return routes.get(index);
  }

  /** The number of the try in progress (or last made): stale callbacks compare against it. */
  int number() {
    return number;
  }

  /** Whether the try numbered {@code tryNumber} is still the one in progress. */
  boolean inProgress(int tryNumber) {
    return open && tryNumber == number;
  }

  /** Starts a try of the current route and encodes the request for it. */
  UpstreamCall begin() throws WireException {
    number++;
    open = true;
    startedAt = Instant.now();
    startNanos = System.nanoTime();
    firstTokenNanos = 0;
    Route route = current();
    call.attempting(route);
    UpstreamCall encoded = route.format().encodeRequest(call.request, target(route));
    call.dropped(dropped(route, encoded));
    return SimFaultHeader.addTo(encoded, call.simFault());
  }

  /**
   * The route's target; for a unary request whose reservation pays for fewer answer tokens than it
   * asked, capped (a stream tops its reservation up instead).
   */
  private UpstreamTarget target(Route route) {
    UpstreamTarget target = route.target();
    if (call.request.stream()) {
      return target;
    }
    OptionalLong cap = call.hold().map(hold -> hold.outputCap(route)).orElse(OptionalLong.empty());
    return cap.isPresent() ? target.capped(cap.getAsLong()) : target;
  }

  /** This format cannot carry the request without changing its meaning; another may. */
  UpstreamFailure untranslatable(WireException e) {
    return new UpstreamFailure(
        UpstreamFailure.Retry.NOT_SENT,
        ErrorKind.INVALID_REQUEST,
        400,
        Optional.empty(),
        "cannot be translated to the " + current().format().name() + " format: " + e.getMessage());
  }

  /**
   * What the client sent that this attempt leaves out: the format's own list, and, across formats,
   * the top-level fields only the client's format carries (Claude Code's context_management).
   */
  private List<String> dropped(Route route, UpstreamCall encoded) {
    if (route.format() == call.ingress) {
      return encoded.dropped();
    }
    List<String> all = new ArrayList<>(call.request.source().untranslated());
    encoded.dropped().stream().filter(field -> !all.contains(field)).forEach(all::add);
    return all;
  }

  /** The try in progress produced its first content. */
  void firstToken() {
    if (firstTokenNanos == 0) {
      firstTokenNanos = System.nanoTime();
    }
  }

  /** The try in progress answered in full. */
  void succeeded(int status, long bytes, long outputTokens) {
    report(Attempt.Outcome.OK, status, Optional.empty(), bytes, outputTokens);
  }

  /** The try in progress was stopped: the client left, or the request ended without it. */
  void cancelled(long bytes) {
    report(Attempt.Outcome.CANCELLED, 0, Optional.of("client_closed"), bytes, 0);
  }

  /** What follows a failure: RETRY this route (after {@code delay}), NEXT route, or STOP. */
  record Next(FallbackPolicy.Action action, Duration delay) {}

  /**
   * Reports the failed try and decides what follows it. A retry or another route draws on the retry
   * budget; an empty budget ends the request with this failure.
   */
  Next failed(UpstreamFailure failure, boolean committed, long bytes, long outputTokens) {
    report(
        outcome(failure), attemptStatus(failure), Optional.of(code(failure)), bytes, outputTokens);
    last = Optional.of(failure);
    failures.add(current().provider().id() + ": " + failure.detail());
    int next = nextIndex(failure);
    FallbackPolicy.Decision decision =
        Recovery.POLICY.decide(
            failure, committed, retried, next < routes.size(), call.remaining(recovery.routing()));
    if (decision.action() == FallbackPolicy.Action.STOP) {
      return new Next(FallbackPolicy.Action.STOP, Duration.ZERO);
    }
    if (!recovery.budget().tryWithdraw()) {
      budgetSpent = true;
      return new Next(FallbackPolicy.Action.STOP, Duration.ZERO);
    }
    if (decision.action() == FallbackPolicy.Action.NEXT) {
      index = next;
      retried = false;
    } else {
      retried = true;
    }
    return new Next(decision.action(), decision.delay());
  }

  /** The next route worth trying: for a context-length refusal, the next with a larger context. */
  private int nextIndex(UpstreamFailure failure) {
    if (failure.cause() != UpstreamFailure.Cause.CONTEXT_LENGTH) {
      return index + 1;
    }
    int failedContext = current().contextLength();
    int next = index + 1;
    while (next < routes.size() && routes.get(next).contextLength() <= failedContext) {
      next++;
    }
    return next;
  }

  private void report(
      Attempt.Outcome outcome,
      int status,
      Optional<String> errorCode,
      long bytes,
      long outputTokens) {
    if (!open) {
      return;
    }
    open = false;
    long now = System.nanoTime();
    Route route = current();
    Attempt attempt =
        new Attempt(
            call.generationId,
            number,
            route.provider().id(),
            route.deployment().modelId(),
            outcome,
            status,
            errorCode,
            startedAt,
            (now - startNanos) / 1_000_000,
            firstTokenNanos == 0
                ? OptionalLong.empty()
                : OptionalLong.of((firstTokenNanos - startNanos) / 1_000_000),
            bytes,
            outputTokens);
    call.attempted(attempt);
    recovery.listener().ended(attempt);
  }

  /**
   * 429 and 529 are the provider's pace; other 4xx refuse this request (or our credentials there),
   * as does the gateway's own limit; the rest (5xx, transport, timeouts, malformed answers) are the
   * provider's fault.
   */
  static Attempt.Outcome outcome(UpstreamFailure failure) {
    if (failure.cause().gatewayLimit()) {
      return Attempt.Outcome.REJECTED;
    }
    int status = failure.status();
    if (status == 429 || status == 529 || failure.kind() == ErrorKind.RATE_LIMITED) {
      return Attempt.Outcome.RATE_LIMITED;
    }
    if (failure.kind() == ErrorKind.INVALID_REQUEST || (status >= 400 && status < 500)) {
      return status == 408 ? Attempt.Outcome.PROVIDER_FAULT : Attempt.Outcome.REJECTED;
    }
    return Attempt.Outcome.PROVIDER_FAULT;
  }

  /** The provider's status; 0 when it never answered (our translation refused the request). */
  private static int attemptStatus(UpstreamFailure failure) {
    return failure.retry() == UpstreamFailure.Retry.NOT_SENT ? 0 : failure.status();
  }

  private static String code(UpstreamFailure failure) {
    return failure.cause() == UpstreamFailure.Cause.NONE
        ? failure.kind().code()
        : failure.cause().code();
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
                + " attempts for '"
                + current().deployment().modelId()
                + "' failed: "
                + String.join("; ", failures);
    if (budgetSpent) {
      message += " (no retry left in the gateway's retry budget)";
    }
    GatewayError.Builder error = GatewayError.builder(failure.kind(), message).provider(provider);
    if (tellsTheClient(failure.status())) {
      error.providerError(failure.providerError());
    }
    failure.retryAfter().ifPresent(error::retryAfter);
    return error.build();
  }
}
