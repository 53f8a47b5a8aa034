package dev.switchboard.wire;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one exception that crosses package boundaries. Its message is client-safe by construction: it
 * never carries a key, a stack trace or a raw upstream body. Expected kinds skip the stack trace.
 */
public final class GatewayError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorKind kind;
  private final String param;
  private final String provider;
  private final transient Optional<Duration> retryAfter;
  private final transient Optional<ProviderError> providerError;

  private GatewayError(Builder b) {
    // One line, whatever a message quotes: it goes into logs and into single-line SSE events.
    super(UntrustedText.oneLine(b.message), b.cause, false, b.kind == ErrorKind.INTERNAL);
    this.kind = b.kind;
    this.param = b.param;
    this.provider = b.provider;
    this.retryAfter = Optional.ofNullable(b.retryAfter);
    this.providerError = Optional.ofNullable(b.providerError);
  }

  public static GatewayError of(ErrorKind kind, String safeMessage) {
    return builder(kind, safeMessage).build();
  }

  public static Builder builder(ErrorKind kind, String safeMessage) {
    return new Builder(kind, safeMessage);
  }

  public ErrorKind kind() {
    return kind;
  }

  public String safeMessage() {
    return getMessage();
  }

  /** The offending request field, when the error is about one. */
  public Optional<String> param() {
    return param.isEmpty() ? Optional.empty() : Optional.of(param);
  }

  /** The provider whose failure this reports, when one did. */
  public Optional<String> provider() {
    return provider.isEmpty() ? Optional.empty() : Optional.of(provider);
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /**
   * The provider's own reply behind this error, which a client speaking the provider's format gets
   * instead of ours.
   */
  public Optional<ProviderError> providerError() {
    return providerError;
  }

  /** Builds a GatewayError; only kind and message are required. */
  public static final class Builder {
    private final ErrorKind kind;
    private final String message;
    private String param = "";
    private String provider = "";
    private @Nullable Duration retryAfter;
    private @Nullable Throwable cause;
    private @Nullable ProviderError providerError;

    private Builder(ErrorKind kind, String message) {
      this.kind = kind;
      this.message = message;
    }

    public Builder param(String value) {
      this.param = value;
      return this;
    }

    public Builder provider(String value) {
      this.provider = value;
      return this;
    }

    public Builder retryAfter(Duration value) {
      this.retryAfter = value;
      return this;
    }

    public Builder cause(Throwable value) {
      this.cause = value;
      return this;
    }

    public Builder providerError(Optional<ProviderError> value) {
      this.providerError = value.orElse(null);
      return this;
    }

    public GatewayError build() {
      return new GatewayError(this);
    }
  }
}
