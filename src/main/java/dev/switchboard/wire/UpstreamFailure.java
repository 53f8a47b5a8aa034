package dev.switchboard.wire;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed attempt at a provider, as data: what kind of failure, whether trying elsewhere may help,
 * why (when the provider said something routing acts on), and a short detail, scrubbed here so no
 * path can skip it: one line, key shapes masked, clipped (never a whole upstream body). The
 * provider layer also removes the configured credentials.
 */
public record UpstreamFailure(
    Retry retry,
    ErrorKind kind,
    int status,
    Optional<Duration> retryAfter,
    String detail,
    Optional<ProviderError> providerError,
    Cause cause) {
  /**
   * NOT_SENT: the provider never saw the request; RETRYABLE: another try may work; FATAL: it will
   * not.
   */
  public enum Retry {
    NOT_SENT,
    RETRYABLE,
    FATAL
  }

  /**
   * What routing acts on beyond the status. CONTEXT_LENGTH: the prompt does not fit this
   * deployment, a larger one may take it. CONTENT_POLICY: the provider refused the content; no
   * other route is tried. RESET: the connection dropped before any response header (a transient
   * blip, worth one retry). FIRST_TOKEN_TIMEOUT: no content within the first-token timeout.
   * OUT_OF_FILES and CONNECTIONS_BUSY: the gateway's own limits (no file descriptor left to open a
   * connection; every pooled connection to the provider stayed busy), no fault of the provider's,
   * so they do not count against its health.
   */
  public enum Cause {
    NONE(""),
    CONTEXT_LENGTH("context_length_exceeded"),
    CONTENT_POLICY("content_policy_violation"),
    RESET("connection_reset"),
    FIRST_TOKEN_TIMEOUT("first_token_timeout"),
    OUT_OF_FILES("gateway_out_of_file_descriptors"),
    CONNECTIONS_BUSY("gateway_connections_busy");

    private final String code;

    Cause(String code) {
      this.code = code;
    }

    /** The stable code an attempt record carries for it; empty for NONE. */
    public String code() {
      return code;
    }

    /** Whether the gateway's own limit stopped the attempt, before the provider had a say. */
    public boolean gatewayLimit() {
      return this == OUT_OF_FILES || this == CONNECTIONS_BUSY;
    }
  }

  public UpstreamFailure {
    detail = UntrustedText.scrub(detail);
  }

  /** A failure with no particular cause. */
  public UpstreamFailure(
      Retry retry,
      ErrorKind kind,
      int status,
      Optional<Duration> retryAfter,
      String detail,
      Optional<ProviderError> providerError) {
    this(retry, kind, status, retryAfter, detail, providerError, Cause.NONE);
  }

  /** A failure with no provider reply to relay (a transport error, a malformed answer). */
  public UpstreamFailure(
      Retry retry, ErrorKind kind, int status, Optional<Duration> retryAfter, String detail) {
    this(retry, kind, status, retryAfter, detail, Optional.empty(), Cause.NONE);
  }

  /** The same failure with another detail (scrubbed like any other). */
  public UpstreamFailure withDetail(String replacement) {
    return new UpstreamFailure(retry, kind, status, retryAfter, replacement, providerError, cause);
  }

  /** The same failure carrying the provider's own reply, for a client of the same format. */
  public UpstreamFailure withProviderError(Optional<ProviderError> reply) {
    return new UpstreamFailure(retry, kind, status, retryAfter, detail, reply, cause);
  }

  /** The same failure with a cause routing acts on. */
  public UpstreamFailure withCause(Cause why) {
    return new UpstreamFailure(retry, kind, status, retryAfter, detail, providerError, why);
  }

  public boolean mayTryElsewhere() {
    return retry != Retry.FATAL;
  }
}
