package dev.switchboard.api;

import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes whole responses: JSON bodies and errors in the client's wire format. */
final class Replies {
  static final String GENERATION_ID = "X-Generation-Id";
  private static final String JSON = "application/json";

  private Replies() {}

  static void json(HttpServerResponse out, int status, byte[] body) {
    if (out.ended() || out.closed()) {
      return;
    }
    out.setStatusCode(status).putHeader("content-type", JSON).end(Buffer.buffer(body));
  }

  static void error(HttpServerResponse out, WireFormat format, GatewayError error) {
    if (out.headWritten()) {
      return;
    }
    ErrorBody body = format.encodeError(error);
    error
        .retryAfter()
        .ifPresent(
            after -> out.putHeader("retry-after", Long.toString(Math.max(1, after.toSeconds()))));
    json(out, body.status(), body.body());
  }
}
