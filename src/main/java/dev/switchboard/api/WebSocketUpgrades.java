package dev.switchboard.api;

import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * A WebSocket upgrade on a chat path (Codex opens one on /v1/responses before it falls back to
 * HTTPS): the gateway speaks these APIs over HTTP only, so it answers at once with 426 Upgrade
 * Required, an error body in the path's format, and closes, instead of a 405 a client may retry.
 */
final class WebSocketUpgrades {
  static final int UPGRADE_REQUIRED = 426;

  private WebSocketUpgrades() {}

  /** Answers a WebSocket upgrade and returns true; leaves any other request alone. */
  static boolean refuse(RoutingContext ctx, WireFormat format) {
    HttpServerRequest request = ctx.request();
    String upgrade = request.getHeader("upgrade");
    if (upgrade == null || !upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket")) {
      return false;
    }
    GatewayError error =
        GatewayError.of(
            ErrorKind.METHOD_NOT_ALLOWED,
            "WebSocket is not supported on "
                + ctx.normalizedPath()
                + "; send the request as an HTTP POST (streamed with \"stream\": true)");
    request
        .response()
        .setStatusCode(UPGRADE_REQUIRED)
        .putHeader("content-type", "application/json")
        .putHeader("connection", "close")
        .end(Buffer.buffer(format.encodeError(error).body()));
    return true;
  }
}
