package dev.switchboard.api;

import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.ProviderError;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;

/** Writes whole responses: JSON bodies and errors in the client's wire format. */
final class Replies {
  private static final String JSON = "application/json";

  /**
   * How long a refused upload may keep arriving (and be discarded) before the connection closes.
   */
  private static final Duration LINGER = Duration.ofSeconds(1);

  private Replies() {}

  static Future<Void> json(HttpServerResponse out, int status, byte[] body) {
    if (out.ended() || out.closed()) {
      return Future.succeededFuture();
    }
    return out.setStatusCode(status).putHeader("content-type", JSON).end(Buffer.buffer(body));
  }

  static Future<Void> error(HttpServerResponse out, WireFormat format, GatewayError error) {
    if (out.headWritten()) {
      return Future.succeededFuture();
    }
    // A provider's own error reaches a client of its format as it was (scrubbed, bounded).
    ErrorBody body =
        error
            .providerError()
            .filter(reply -> reply.format().equals(format.name()))
            .map(ProviderError::reply)
            .orElseGet(() -> format.encodeError(error));
    error
        .retryAfter()
        .ifPresent(
            // Whole seconds, rounded up: a client that waits that long is not refused again.
            after ->
                out.putHeader(
                    "retry-after", Long.toString(Math.max(1, (after.toMillis() + 999) / 1000))));
    return json(out, body.status(), body.body());
  }

  /**
   * An error for a request that may have an unread body (unauthenticated, too large, too slow,
   * malformed): the connection closes after the answer, the only way to be rid of an unread body
   * without reading it. When a response is already under way, closing is the only answer left: a
   * cut-off response must not pass for a whole one.
   */
  static void refuse(HttpServerRequest request, WireFormat format, GatewayError error) {
    HttpServerResponse out = request.response();
    if (out.headWritten()) {
      if (!out.ended()) {
        request.connection().close();
      }
      return;
    }
    // HTTP/2 ends just this stream (and forbids a connection header); only HTTP/1 must close.
    if (request.isEnded() || request.version() == HttpVersion.HTTP_2) {
      error(out, format, error);
      return;
    }
    out.putHeader("connection", "close");
    error(out, format, error).onComplete(written -> lingeringClose(request));
  }

  /**
   * Closes once the client stopped sending, or after {@link #LINGER}: closing on unread bytes makes
   * the kernel reset the connection, and a reset can destroy the answer before the client reads it
   * (a 413 lost mid-upload). What still arrives is discarded, never parsed (nginx's lingering
   * close).
   */
  private static void lingeringClose(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    Context context = Vertx.currentContext();
    if (context == null) {
      connection.close();
      return;
    }
    long timer = context.owner().setTimer(LINGER.toMillis(), expired -> connection.close());
    try {
      request.handler(discarded -> {});
      request.exceptionHandler(failed -> connection.close());
      request.endHandler(
          ended -> {
            context.owner().cancelTimer(timer);
            connection.close();
          });
      request.resume();
    } catch (IllegalStateException alreadyRead) {
      context.owner().cancelTimer(timer);
      connection.close();
    }
  }
}
