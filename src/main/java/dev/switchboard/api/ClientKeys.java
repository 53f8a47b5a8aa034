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

  private ClientKeys() {}

  static Future<ApiKey> authenticate(
      KeyAuthenticator keys, Vertx vertx, HttpServerRequest request) {
    Optional<String> secret = bearer(request.getHeader("authorization"));
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
