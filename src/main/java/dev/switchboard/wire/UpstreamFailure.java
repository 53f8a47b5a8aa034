package dev.switchboard.wire;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed attempt at a provider, as data: what kind of failure, whether trying elsewhere may help,
 * and a short detail, scrubbed here so no path can skip it: one line, key shapes masked, clipped
 * (never a whole upstream body). The provider layer also removes the configured credentials.
 */
public record UpstreamFailure(
    Retry retry,
    ErrorKind kind,
    int status,
    Optional<Duration> retryAfter,
    String detail,
    Optional<ProviderError> providerError) {
  /**
   * NOT_SENT: the provider never saw the request; RETRYABLE: another try may work; FATAL: it will
   * not.
   */
  public enum Retry {
    NOT_SENT,
    RETRYABLE,
    FATAL
  }

  public UpstreamFailure {
    detail = UntrustedText.scrub(detail);
  }

  /** A failure with no provider reply to relay (a transport error, a malformed answer). */
  public UpstreamFailure(
      Retry retry, ErrorKind kind, int status, Optional<Duration> retryAfter, String detail) {
    this(retry, kind, status, retryAfter, detail, Optional.empty());
  }

  /** The same failure with another detail (scrubbed like any other). */
  public UpstreamFailure withDetail(String replacement) {
    return new UpstreamFailure(retry, kind, status, retryAfter, replacement, providerError);
  }

  /** The same failure carrying the provider's own reply, for a client of the same format. */
  public UpstreamFailure withProviderError(Optional<ProviderError> reply) {
    return new UpstreamFailure(retry, kind, status, retryAfter, detail, reply);
  }

  public boolean mayTryElsewhere() {
    return retry != Retry.FATAL;
  }
}
