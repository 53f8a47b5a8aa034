package dev.switchboard.api;

import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.WireFormat;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.ContentLengthNotAllowedException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers requests the HTTP decoder could not read (a head over the size limit, a malformed line)
 * in the client's error format. Vert.x closes the connection after the response, since the rest of
 * the stream cannot be trusted.
 */
final class InvalidRequests {
  /** The refusal of a request framed both by Transfer-Encoding and by Content-Length. */
  static final String FRAMED_TWICE =
      "a request must not carry both Transfer-Encoding and Content-Length";

  private InvalidRequests() {}

  static void answer(HttpServerRequest request, WireFormat format) {
    Replies.refuse(request, format, error(request.decoderResult().cause()));
  }

  private static GatewayError error(Throwable cause) {
    return switch (cause) {
      case TooLongHttpLineException line ->
          GatewayError.of(ErrorKind.URI_TOO_LONG, "the request line is longer than allowed");
      case TooLongHttpHeaderException headers ->
          GatewayError.of(
              ErrorKind.HEADERS_TOO_LARGE, "the request headers are larger than allowed");
      case TooLongFrameException frame ->
          GatewayError.of(ErrorKind.INVALID_REQUEST, "a part of the request is too long");
      // RFC 9112 6.3: a body framed two ways is how requests are smuggled past a front proxy.
      case ContentLengthNotAllowedException framing ->
          GatewayError.of(ErrorKind.INVALID_REQUEST, FRAMED_TWICE);
      case null, default -> GatewayError.of(ErrorKind.INVALID_REQUEST, "malformed HTTP request");
    };
  }
}
