package dev.switchboard.api;

import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.OptionalLong;

/**
 * Reads a paused request's body once its sender is known, up to a limit: a declared length over the
 * limit is refused before a byte is read, a running total over it as soon as it crosses. Time is
 * bounded by the {@link ConnectionGuard}'s request timeout, not here.
 */
final class RequestBody {
  private RequestBody() {}

  static Future<Buffer> read(HttpServerRequest request, long limit) {
    OptionalLong declared = declaredLength(request);
    if (declared.isPresent() && declared.getAsLong() > limit) {
      return Future.failedFuture(tooLarge(limit));
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader("expect"))) {
      // Only now, with the key checked: a client that waits for this sends nothing before it.
      request.response().writeContinue();
    }
    Promise<Buffer> done = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(
        chunk -> {
          if (body.length() + (long) chunk.length() > limit) {
            request.pause();
            done.tryFail(tooLarge(limit));
          } else {
            body.appendBuffer(chunk);
          }
        });
    request.exceptionHandler(done::tryFail);
    request.endHandler(
        ended -> done.tryComplete(body)); // tryComplete: a body over the limit has already failed
    request.resume();
    return done.future()
        .compose(
            complete ->
                complete.length() == 0
                    ? Future.failedFuture(
                        GatewayError.of(ErrorKind.INVALID_REQUEST, "the request body is empty"))
                    : Future.succeededFuture(complete));
  }

  private static OptionalLong declaredLength(HttpServerRequest request) {
    String header = request.getHeader("content-length");
    try {
      return header == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      // The decoder already refuses a malformed length; treat anything it let through as absent.
      return OptionalLong.empty();
    }
  }

  private static GatewayError tooLarge(long limit) {
    return GatewayError.of(
        ErrorKind.PAYLOAD_TOO_LARGE,
        "the request body is larger than this gateway accepts (" + limit + " bytes)");
  }
}
