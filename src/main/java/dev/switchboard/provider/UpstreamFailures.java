package dev.switchboard.provider;

import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamFailure.Cause;
import dev.switchboard.wire.UpstreamFailure.Retry;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Transport errors (refused, reset, timed out) as UpstreamFailure values with a retry verdict. */
public final class UpstreamFailures {
  /** strerror's words for EMFILE and ENFILE ("... in system"). */
  private static final String TOO_MANY_FILES = "Too many open files";

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
    if (outOfFileDescriptors(error)) {
      // The provider never saw the request and is not to blame: without this, a gateway at its
      // open-files limit ejected healthy providers and failed every request with a vague 502.
      return gatewayLimit(
          Cause.OUT_OF_FILES,
          "the gateway is out of file descriptors (raise its open-files limit, ulimit -n; each"
              + " open stream holds two over HTTP/1.1, see upstream.http2)");
    }
    if (error instanceof ConnectionWaitExceeded
        || error instanceof ConnectionPoolTooBusyException) {
      // Every pooled connection to the provider is busy, and enough requests already wait or this
      // one waited upstream.pool_wait: the gateway's limit (upstream.max_connections_per_host).
      return gatewayLimit(
          Cause.CONNECTIONS_BUSY,
          "every connection the gateway may open to the provider is busy"
              + " (upstream.max_connections_per_host, upstream.pool_wait)");
    }
    if (error instanceof TimeoutException || error.getClass().getSimpleName().contains("Timeout")) {
      return failure(
          sent ? Retry.RETRYABLE : Retry.NOT_SENT, ErrorKind.UPSTREAM_TIMEOUT, "timed out");
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

  /**
   * EMFILE or ENFILE anywhere in the causes: Netty's native transport wraps it in a
   * ChannelException, NIO throws it as a SocketException; both carry the C library's words.
   */
  private static boolean outOfFileDescriptors(Throwable error) {
    Throwable cause = error;
    for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
      String message = cause.getMessage();
      if (cause instanceof IOException && message != null && message.contains(TOO_MANY_FILES)) {
        return true;
      }
    }
    return false;
  }

  /** The gateway's own limit stopped the call before it was sent: a 503, the next route at once. */
  private static UpstreamFailure gatewayLimit(Cause cause, String detail) {
    return new UpstreamFailure(
        Retry.NOT_SENT,
        ErrorKind.UNAVAILABLE,
        0,
        Optional.empty(),
        detail,
        Optional.empty(),
        cause);
  }

  private static UpstreamFailure failure(Retry retry, ErrorKind kind, String detail) {
    return new UpstreamFailure(retry, kind, 0, Optional.empty(), detail);
  }
}
