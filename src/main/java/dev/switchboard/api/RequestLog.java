package dev.switchboard.api;

import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.UntrustedText;
import java.lang.System.Logger.Level;

/**
 * The one place failed requests are logged: generation id, key id, model, provider and the
 * client-safe message, one line each. Never a secret: keys appear by id only, bodies not at all,
 * and text from outside goes through {@link UntrustedText}.
 */
final class RequestLog {
  private static final System.Logger LOG = System.getLogger("switchboard.requests");

  private RequestLog() {}

  static void failed(ChatCall call, GatewayError error) {
    // Client mistakes (4xx) are the client's to see, not the operator's to read.
    Level level =
        error.kind() == ErrorKind.INTERNAL
            ? Level.ERROR
            : error.kind().status() >= 500 ? Level.WARNING : Level.DEBUG;
    if (!LOG.isLoggable(level)) {
      return;
    }
    String provider = call.route().map(route -> route.provider().id()).orElse("-");
    String line =
        String.format(
            "%s key=%s model=%s provider=%s status=%d code=%s: %s",
            call.generationId,
            call.key.id(),
            // The model and the message may quote what a client or a provider sent.
            UntrustedText.scrub(call.request.model()),
            provider,
            error.kind().status(),
            error.kind().code(),
            UntrustedText.line(error.safeMessage()));
    if (error.getCause() != null) {
      LOG.log(level, line, error.getCause());
    } else {
      LOG.log(level, line);
    }
  }
}
