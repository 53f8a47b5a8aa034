package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.storage.StorageException;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Client credentials on the hot path, in whichever place the client's SDK puts them: {@code
 * Authorization: Bearer} (OpenAI), {@code x-api-key} (Anthropic), {@code x-goog-api-key} or the
 * {@code ?key=} query parameter (Gemini). The same key in several places is one key; two different
 * keys, or one place sent twice, are refused with 400: which key to bill would be a guess. The key
 * is then checked against the cached key store: it must be active and unexpired, and only the key
 * endpoints accept an admin key.
 */
final class ClientCredentials {
  private static final String BEARER = "bearer ";
  private static final String AUTHORIZATION = "authorization";
  private static final List<String> KEY_HEADERS = List.of("x-api-key", "x-goog-api-key");
  private static final String QUERY_KEY = "key";

  private ClientCredentials() {}

  /**
   * The client key of the request: refuses a request without a key or with an unknown, revoked or
   * expired one (401), and an admin key (403), which manages keys and may not call completions.
   */
  static Future<ApiKey> authenticate(
      KeyAuthenticator keys, Vertx vertx, HttpServerRequest request) {
    return authenticateAny(keys, vertx, request)
        .compose(
            key ->
                key.admin()
                    ? Future.failedFuture(
                        GatewayError.of(
                            ErrorKind.POLICY_BLOCKED,
                            "this is an admin key: it manages keys (/api/v1/keys) and cannot call "
                                + request.path()
                                + "; use a normal key"))
                    : Future.succeededFuture(key));
  }

  /** Any valid key of the request, admin keys included (401 as {@link #authenticate}). */
  static Future<ApiKey> authenticateAny(
      KeyAuthenticator keys, Vertx vertx, HttpServerRequest request) {
    Optional<String> secret;
    try {
      secret = secret(request.headers(), request.params());
    } catch (GatewayError ambiguous) {
      return Future.failedFuture(ambiguous);
    } catch (IllegalArgumentException malformedQuery) {
      return Future.failedFuture(
          GatewayError.of(ErrorKind.INVALID_REQUEST, "the query string is not well-formed"));
    }
    if (secret.isEmpty()) {
      return Future.failedFuture(
          GatewayError.of(
              ErrorKind.UNAUTHENTICATED,
              "missing API key: send the header 'Authorization: Bearer <key>'"
                  + " (or 'x-api-key: <key>', or 'x-goog-api-key: <key>')"));
    }
    return Future.fromCompletionStage(keys.authenticate(secret.get()), vertx.getOrCreateContext())
        .recover(ClientCredentials::unchecked)
        .compose(
            key ->
                key.filter(ApiKey::active)
                    .map(ClientCredentials::unexpired)
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                GatewayError.of(
                                    ErrorKind.UNAUTHENTICATED, "invalid or revoked API key"))));
  }

  /** A key that could not be looked up is refused (503), never let through or called invalid. */
  private static Future<Optional<ApiKey>> unchecked(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StorageException) {
        return Future.failedFuture(
            GatewayError.builder(
                    ErrorKind.UNAVAILABLE,
                    "the key store (database) cannot be reached, so the API key cannot be checked;"
                        + " retry shortly")
                .cause(failure)
                .build());
      }
    }
    return Future.failedFuture(failure);
  }

  private static Future<ApiKey> unexpired(ApiKey key) {
    Instant now = Instant.now();
    if (key.expired(now)) {
      return Future.failedFuture(
          GatewayError.of(
              ErrorKind.UNAUTHENTICATED,
              "this API key expired at " + key.rules().expiresAt().orElse(now)));
    }
    return Future.succeededFuture(key);
  }

  /**
   * The one key the request carries, empty when none; throws a 400 GatewayError when it carries two
   * different ones or repeats a credential header.
   */
  static Optional<String> secret(MultiMap headers, MultiMap query) {
    Set<String> found = new LinkedHashSet<>(2);
    once(headers.getAll(AUTHORIZATION), "Authorization header")
        .flatMap(ClientCredentials::bearer)
        .ifPresent(found::add);
    for (String header : KEY_HEADERS) {
      once(headers.getAll(header), header + " header").map(String::trim).ifPresent(found::add);
    }
    once(query.getAll(QUERY_KEY), "key query parameter").map(String::trim).ifPresent(found::add);
    found.remove("");
    if (found.size() > 1) {
      throw GatewayError.of(
          ErrorKind.INVALID_REQUEST,
          "this request carries "
              + found.size()
              + " different API keys (Authorization, x-api-key, x-goog-api-key, ?key=):"
              + " which key to bill is ambiguous; send one");
    }
    return found.stream().findFirst();
  }

  private static Optional<String> once(List<String> values, String what) {
    if (values.size() > 1) {
      // Proxies disagree on which of two wins; whichever we picked, one of them would be wrong.
      throw GatewayError.of(
          ErrorKind.INVALID_REQUEST,
          "send one " + what + ", not " + values.size() + ": which key to bill is ambiguous");
    }
    return values.stream().findFirst();
  }

  private static Optional<String> bearer(String header) {
    if (header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String secret = header.substring(BEARER.length()).trim();
    return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
  }
}
