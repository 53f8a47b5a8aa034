package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.provider.UpstreamFailures;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.UpstreamFailure;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an attempt's failure says of the provider's health. */
class AttemptOutcomeTest {
  @Test
  void theGatewaysOwnFileLimit_isNoFaultOfTheProvider() {
    assertThat(
            Attempts.outcome(UpstreamFailures.of(new SocketException("Too many open files"), true)))
        .isEqualTo(Attempt.Outcome.REJECTED);
  }

  @Test
  void thePoolsBusyConnections_areNoFaultOfTheProvider() {
    assertThat(
            Attempts.outcome(
                UpstreamFailures.of(new ConnectionPoolTooBusyException("busy"), false)))
        .isEqualTo(Attempt.Outcome.REJECTED);
  }

  @Test
  void aRefusedConnection_orA5xx_isTheProvidersFault_andA429ItsPace() {
    assertThat(Attempts.outcome(UpstreamFailures.of(new ConnectException("refused"), false)))
        .isEqualTo(Attempt.Outcome.PROVIDER_FAULT);
    assertThat(Attempts.outcome(failure(ErrorKind.UPSTREAM_FAILED, 500)))
        .isEqualTo(Attempt.Outcome.PROVIDER_FAULT);
    assertThat(Attempts.outcome(failure(ErrorKind.RATE_LIMITED, 429)))
        .isEqualTo(Attempt.Outcome.RATE_LIMITED);
  }

  private static UpstreamFailure failure(ErrorKind kind, int status) {
    return new UpstreamFailure(
        UpstreamFailure.Retry.RETRYABLE, kind, status, Optional.empty(), "failed");
  }
}
