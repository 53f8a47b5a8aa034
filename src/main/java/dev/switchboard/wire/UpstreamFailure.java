package dev.switchboard.wire;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed attempt at a provider, as data: what kind of failure, whether trying elsewhere may help,
 * and a short scrubbed detail (never a secret, never a whole upstream body).
 */
public record UpstreamFailure(
    Retry retry, ErrorKind kind, int status, Optional<Duration> retryAfter, String detail) {
  /**
   * NOT_SENT: the provider never saw the request; RETRYABLE: another try may work; FATAL: it will
   * not.
   */
  public enum Retry {
    NOT_SENT,
    RETRYABLE,
    FATAL
  }

  private static final int MAX_DETAIL = 300;

  public UpstreamFailure {
    detail = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
  }

  public boolean mayTryElsewhere() {
    return retry != Retry.FATAL;
  }
}
