package dev.switchboard.api;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

/**
 * Vert.x's HTTP/1.x request decoder, except that a request with both {@code Transfer-Encoding:
 * chunked} and {@code Content-Length} is invalid instead of silently framed by the former: RFC 9112
 * section 6.3 calls it a sign of request smuggling that a server ought to refuse. Netty drops the
 * Content-Length before any handler could see both, so the check has to live in the decoder.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {
  /** The name Vert.x gives its decoder in the channel pipeline. */
  private static final String DECODER = "httpDecoder";

  private StrictRequestDecoder(HttpServerOptions options) {
    super(options);
  }

  /**
   * Replaces the decoder of a new HTTP/1.x connection, before it has read a request. Vert.x has no
   * public hook for this; if a later Vert.x renames the handler, the decoder stays as it was and
   * the test of this refusal fails.
   */
  static void install(HttpConnection connection, HttpServerOptions options) {
    if (connection instanceof HttpServerConnection internal) {
      ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
      if (pipeline.get(DECODER) instanceof VertxHttpRequestDecoder) {
        pipeline.replace(DECODER, DECODER, new StrictRequestDecoder(options));
      }
    }
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    // Netty turns an exception here into an invalid request, which InvalidRequests answers.
    throw new AmbiguousLength();
  }

  /** A request whose body length is given twice, by Transfer-Encoding and by Content-Length. */
  static final class AmbiguousLength extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    static final String MESSAGE =
        "a request must not carry both Transfer-Encoding and Content-Length";

    AmbiguousLength() {
      super(MESSAGE, null);
    }
  }
}
