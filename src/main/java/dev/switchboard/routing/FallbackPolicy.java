package dev.switchboard.routing;

import dev.switchboard.wire.UpstreamFailure;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides what follows a failed attempt: retry the same deployment once, move to the next, or stop.
 * Once the client has received content nothing can be retried: the stream ends with an in-band
 * error instead. A transient failure (a 500, a connection dropped before the headers, a 408, a 429
 * whose Retry-After fits the deadline) is retried once on the same deployment after a jittered
 * backoff or the provider's Retry-After; a persistent one (refused connection, 502, 503, 504, 529,
 * a timeout, a Retry-After beyond the deadline) moves on at once. A content-policy refusal stops; a
 * context-length refusal moves on only to a larger context (the caller finds it).
 */
public final class FallbackPolicy {
  /** The first retry waits 50 to 150 ms: long enough for a blip to pass, short for a client. */
  static final Duration BACKOFF = Duration.ofMillis(100);

  /** What to do after a failure. */
  public enum Action {
    RETRY,
    NEXT,
    STOP
  }

  /** The action, and for RETRY how long to wait first (the delay). */
  public record Decision(Action action, Duration delay) {
    static final Decision NEXT = new Decision(Action.NEXT, Duration.ZERO);
    static final Decision STOP = new Decision(Action.STOP, Duration.ZERO);
  }

  /**
   * {@code retried}: this deployment was already retried for this request; {@code moreRoutes}: a
   * route that may take the request follows (for a context-length refusal, a larger one); {@code
   * remaining}: what is left of the request's deadline.
   */
  public Decision decide(
      UpstreamFailure failure,
      boolean committed,
      boolean retried,
      boolean moreRoutes,
      Duration remaining) {
    if (committed || remaining.isNegative() || remaining.isZero()) {
      return Decision.STOP;
    }
    switch (failure.cause()) {
      case CONTENT_POLICY -> {
        return Decision.STOP;
      }
      case CONTEXT_LENGTH -> {
        return moreRoutes ? Decision.NEXT : Decision.STOP;
      }
      default -> {
        // Decided below.
      }
    }
    if (!failure.mayTryElsewhere()) {
      return Decision.STOP;
    }
    if (!retried && isTransient(failure)) {
      Duration delay = failure.retryAfter().orElseGet(FallbackPolicy::backoff);
      if (delay.compareTo(remaining) < 0) {
        return new Decision(Action.RETRY, delay);
      }
    }
    return moreRoutes ? Decision.NEXT : Decision.STOP;
  }

  /** Worth one more try at the same deployment. */
  static boolean isTransient(UpstreamFailure failure) {
    return failure.cause() == UpstreamFailure.Cause.RESET
        || switch (failure.status()) {
          case 408, 429, 500 -> true;
          default -> false;
        };
  }

  /** Full jitter around {@link #BACKOFF}: 50% to 150% of it. */
  static Duration backoff() {
    long base = BACKOFF.toMillis();
    return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base + 1));
  }
}
