package dev.switchboard.api;

import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Reads a paused request's body once its sender is known, up to a limit: a declared length over the
 * limit is refused before a byte is read, a running total over it as soon as it crosses. Time is
 * bounded by the {@link ConnectionGuard}'s request timeout, not here.
 */
final class RequestBody {
  private RequestBody() {}

  static Future<byte[]> read(HttpServerRequest request, long limit) {
    OptionalLong declared = declaredLength(request);
    if (declared.isPresent() && declared.getAsLong() > limit) {
      return Future.failedFuture(tooLarge(limit));
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader("expect"))) {
      // Only now, with the key checked: a client that waits for this sends nothing before it.
      request.response().writeContinue();
    }
    Promise<byte[]> done = Promise.promise();
    Bytes body = new Bytes(declared.orElse(0));
    request.handler(
        chunk -> {
          if (body.length + (long) chunk.length() > limit) {
            request.pause();
            done.tryFail(tooLarge(limit));
          } else {
            body.append(chunk);
          }
        });
    request.exceptionHandler(done::tryFail);
    request.endHandler(
        ended -> done.tryComplete(body.whole())); // tryComplete: a body over the limit has failed
    request.resume();
    return done.future()
        .compose(
            complete ->
                complete.length == 0
                    ? Future.failedFuture(
                        GatewayError.of(ErrorKind.INVALID_REQUEST, "the request body is empty"))
                    : Future.succeededFuture(complete));
  }

  /**
   * The body's bytes, copied once from the connection's buffers into an array of the declared
   * length: an agent's 100 KB request grown chunk by chunk was copied about twice over, then once
   * more into the array the parser reads.
   */
  private static final class Bytes {
    private byte[] bytes;
    private int length;

    Bytes(long declared) {
      // A declared length is a promise, not a fact: the array still grows if more comes.
      this.bytes = new byte[(int) Math.min(declared, 1 << 20)];
    }

    void append(Buffer chunk) {
      int size = chunk.length();
      if (length + size > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(length + size, bytes.length * 2));
      }
      chunk.getBytes(0, size, bytes, length);
      length += size;
    }

    byte[] whole() {
      return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }
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
