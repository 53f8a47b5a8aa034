package dev.switchboard.api;

import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import io.vertx.core.http.HttpClosedException;
import java.lang.System.Logger.Level;

/** Any throwable as a client-safe GatewayError: unexpected ones become a generic internal error. */
final class Failures {
  private static final System.Logger LOG = System.getLogger("switchboard.requests");

  private Failures() {}

  /**
   * As {@link #asGatewayError}, logging what no code anticipated (with its stack trace, for the
   * operator; the client sees "internal error"). For the catch-alls that answer a request whose
   * handling threw; expected failures are logged by RequestLog or not at all.
   */
  static GatewayError logged(Throwable error) {
    // A client that hung up mid-request is no fault of ours, and common.
    if (!(error instanceof GatewayError) && !(error instanceof HttpClosedException)) {
      LOG.log(Level.ERROR, "unexpected failure while handling a request", error);
    }
    return asGatewayError(error);
  }

  static GatewayError asGatewayError(Throwable error) {
    return error instanceof GatewayError gateway
        ? gateway
        : GatewayError.builder(ErrorKind.INTERNAL, "internal error").cause(error).build();
  }
}
