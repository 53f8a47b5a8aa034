package dev.switchboard.provider;

import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamFailure.Retry;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Transport errors (refused, reset, timed out) as UpstreamFailure values with a retry verdict. */
public final class UpstreamFailures {
  private UpstreamFailures() {}

  /**
   * A failure before any response header: as {@link #of}, and a dropped connection is marked {@link
   * UpstreamFailure.Cause#RESET}, the transient blip one retry of the same provider may get past (a
   * refused connection or a timeout is not one).
   */
  public static UpstreamFailure beforeHeaders(Throwable error) {
    UpstreamFailure failure = of(error, true);
    boolean dropped =
        failure.retry() == Retry.RETRYABLE && failure.kind() == ErrorKind.UPSTREAM_FAILED;
    return dropped ? failure.withCause(UpstreamFailure.Cause.RESET) : failure;
  }

  /** {@code sent} tells whether the provider may have received the request. */
  public static UpstreamFailure of(Throwable error, boolean sent) {
    if (error instanceof TimeoutException || error.getClass().getSimpleName().contains("Timeout")) {
      return failure(
          sent ? Retry.RETRYABLE : Retry.NOT_SENT, ErrorKind.UPSTREAM_TIMEOUT, "timed out");
    }
    if (error instanceof ConnectionPoolTooBusyException) {
      // Every connection to the provider is busy and enough requests already wait for one.
      return failure(
          Retry.NOT_SENT, ErrorKind.UPSTREAM_FAILED, "too many requests waiting for the provider");
    }
    // Our words for each cause: a Java class name (AnnotatedConnectException) means nothing to a
    // client, and the exception's own message may carry an address or a URL.
    if (error instanceof UnknownHostException) {
      return failure(Retry.NOT_SENT, ErrorKind.UPSTREAM_FAILED, "could not connect: unknown host");
    }
    if (error instanceof SSLException) {
      return failure(
          Retry.NOT_SENT, ErrorKind.UPSTREAM_FAILED, "could not connect: TLS handshake failed");
    }
    if (error instanceof ConnectException) {
      return failure(
          Retry.NOT_SENT, ErrorKind.UPSTREAM_FAILED, "could not connect to the provider");
    }
    if (error instanceof HttpClosedException) {
      return failure(
          Retry.RETRYABLE,
          ErrorKind.UPSTREAM_FAILED,
          "connection closed before the answer was complete");
    }
    return failure(
        Retry.RETRYABLE, ErrorKind.UPSTREAM_FAILED, "the connection to the provider failed");
  }

  private static UpstreamFailure failure(Retry retry, ErrorKind kind, String detail) {
    return new UpstreamFailure(retry, kind, 0, Optional.empty(), detail);
  }
}
