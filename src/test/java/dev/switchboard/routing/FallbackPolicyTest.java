package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.routing.FallbackPolicy.Action;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamFailure.Cause;
import dev.switchboard.wire.UpstreamFailure.Retry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FallbackPolicyTest {
  private static final Duration PLENTY = Duration.ofSeconds(600);
  private final FallbackPolicy policy = new FallbackPolicy();

  @Test
  void aTransientFailure_isRetriedOnceAfterAJitteredBackoff_thenMovesOn() {
    for (UpstreamFailure failure :
        new UpstreamFailure[] {
          status(500, Optional.empty()),
          status(408, Optional.empty()),
          transport(ErrorKind.UPSTREAM_FAILED, Retry.RETRYABLE).withCause(Cause.RESET)
        }) {
      FallbackPolicy.Decision first = policy.decide(failure, false, false, true, PLENTY);
      assertThat(first.action()).as(failure.detail()).isEqualTo(Action.RETRY);
      assertThat(first.delay()).isBetween(Duration.ofMillis(50), Duration.ofMillis(150));
      assertThat(policy.decide(failure, false, true, true, PLENTY).action()).isEqualTo(Action.NEXT);
      assertThat(policy.decide(failure, false, true, false, PLENTY).action())
          .isEqualTo(Action.STOP);
    }
  }

  @Test
  void aPersistentFailure_movesOnAtOnce() {
    for (UpstreamFailure failure :
        new UpstreamFailure[] {
          status(502, Optional.empty()),
          status(503, Optional.of(Duration.ofSeconds(1))),
          status(504, Optional.empty()),
          status(529, Optional.of(Duration.ofSeconds(1))),
          transport(ErrorKind.UPSTREAM_FAILED, Retry.NOT_SENT),
          transport(ErrorKind.UPSTREAM_TIMEOUT, Retry.RETRYABLE)
        }) {
      assertThat(policy.decide(failure, false, false, true, PLENTY).action())
          .as(failure.detail())
          .isEqualTo(Action.NEXT);
    }
  }

  @Test
  void retryAfter_isHonouredWhenItFitsTheDeadline_elseTheNextRouteAtOnce() {
    UpstreamFailure limited = status(429, Optional.of(Duration.ofSeconds(2)));
    FallbackPolicy.Decision waits = policy.decide(limited, false, false, true, PLENTY);
    assertThat(waits.action()).isEqualTo(Action.RETRY);
    assertThat(waits.delay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.decide(limited, false, false, true, Duration.ofSeconds(1)).action())
        .isEqualTo(Action.NEXT);
  }

  @Test
  void afterCommit_orPastTheDeadline_nothingIsTried() {
    UpstreamFailure failure = status(500, Optional.empty());
    assertThat(policy.decide(failure, true, false, true, PLENTY).action()).isEqualTo(Action.STOP);
    assertThat(policy.decide(failure, false, false, true, Duration.ZERO).action())
        .isEqualTo(Action.STOP);
  }

  @Test
  void contextLength_movesOnOnlyWhenALargerRouteFollows_andContentPolicyNever() {
    UpstreamFailure tooLong = status(400, Optional.empty()).withCause(Cause.CONTEXT_LENGTH);
    assertThat(policy.decide(tooLong, false, false, true, PLENTY).action()).isEqualTo(Action.NEXT);
    assertThat(policy.decide(tooLong, false, false, false, PLENTY).action()).isEqualTo(Action.STOP);
    UpstreamFailure refused = status(400, Optional.empty()).withCause(Cause.CONTENT_POLICY);
    assertThat(policy.decide(refused, false, false, true, PLENTY).action()).isEqualTo(Action.STOP);
  }

  private static UpstreamFailure status(int status, Optional<Duration> retryAfter) {
    Retry retry = status == 400 ? Retry.FATAL : Retry.RETRYABLE;
    ErrorKind kind = status == 400 ? ErrorKind.INVALID_REQUEST : ErrorKind.UPSTREAM_FAILED;
    return new UpstreamFailure(retry, kind, status, retryAfter, "HTTP " + status);
  }

  private static UpstreamFailure transport(ErrorKind kind, Retry retry) {
    return new UpstreamFailure(retry, kind, 0, Optional.empty(), kind + " " + retry);
  }
}
