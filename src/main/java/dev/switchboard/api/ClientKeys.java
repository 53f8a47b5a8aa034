package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/** Client credentials on the hot path: the bearer key, checked against the cached key store. */
final class ClientKeys {
  private static final String BEARER = "bearer ";
  private static final String AUTHORIZATION = "authorization";

  private ClientKeys() {}

  static Future<ApiKey> authenticate(
      KeyAuthenticator keys, Vertx vertx, HttpServerRequest request) {
    int headers = request.headers().getAll(AUTHORIZATION).size();
    if (headers > 1) {
      // Proxies disagree on which of two wins; whichever we picked, one of them would be wrong.
      return Future.failedFuture(
          GatewayError.of(
              ErrorKind.INVALID_REQUEST,
              "send one Authorization header, not "
                  + headers
                  + ": which key to bill is ambiguous"));
    }
    Optional<String> secret = bearer(request.getHeader(AUTHORIZATION));
    if (secret.isEmpty()) {
      return Future.failedFuture(
          GatewayError.of(
              ErrorKind.UNAUTHENTICATED,
              "missing API key: send the header 'Authorization: Bearer <key>'"));
    }
    return Future.fromCompletionStage(keys.authenticate(secret.get()), vertx.getOrCreateContext())
        .compose(
            key ->
                key.filter(ApiKey::active)
                    .map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                GatewayError.of(
                                    ErrorKind.UNAUTHENTICATED, "invalid or revoked API key"))));
  }

  private static Optional<String> bearer(String header) {
    if (header == null
        || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String secret = header.substring(BEARER.length()).trim();
    return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
  }
}
