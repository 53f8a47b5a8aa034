package dev.switchboard.api;

import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;

/** Any throwable as a client-safe GatewayError: unexpected ones become a generic internal error. */
final class Failures {
  private Failures() {}

  static GatewayError asGatewayError(Throwable error) {
    return error instanceof GatewayError gateway
        ? gateway
        : GatewayError.builder(ErrorKind.INTERNAL, "internal error").cause(error).build();
  }
}
