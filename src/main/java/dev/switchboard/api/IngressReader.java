package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.gateway.Idempotency;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Receives a request for a format's POST route: checks the key on the headers alone, then reads the
 * body (a stranger's upload is never read) and hands back the request with nothing of HTTP left.
 */
final class IngressReader {
  /** Sent twice, these leave what to do a guess; refused rather than joined. */
  private static final String IDEMPOTENCY_KEY = Idempotency.HEADER.toLowerCase(Locale.ROOT);

  /** A request whose key is valid, with its whole body. */
  record Received(ApiKey key, IngressRequest request) {}

  private final Vertx vertx;
  private final KeyAuthenticator keys;
  private final long maxBodyBytes;

  IngressReader(Vertx vertx, KeyAuthenticator keys, long maxBodyBytes) {
    this.vertx = vertx;
    this.keys = keys;
    this.maxBodyBytes = maxBodyBytes;
  }

  Future<Received> read(HttpServerRequest request) {
    request.pause();
    return ClientCredentials.authenticate(keys, vertx, request)
        .compose(
            key ->
                RequestBody.read(request, maxBodyBytes)
                    .map(body -> new Received(key, ingress(request, body))));
  }

  private static IngressRequest ingress(HttpServerRequest request, byte[] body) {
    if (request.headers().getAll(IDEMPOTENCY_KEY).size() > 1) {
      throw GatewayError.of(
          ErrorKind.INVALID_REQUEST,
          Idempotency.HEADER
              + ": send it once; this request has "
              + request.headers().getAll(IDEMPOTENCY_KEY).size());
    }
    // path() and query(), not uri(): an absolute-form request line names the host too.
    String query = request.query();
    String path = query == null ? request.path() : request.path() + "?" + query;
    return new IngressRequest(path, headers(request), body);
  }

  /** Lower-cased names; a repeated header's values joined by ", " (RFC 9110 5.3). */
  private static Map<String, String> headers(HttpServerRequest request) {
    Map<String, String> headers = new HashMap<>(request.headers().size() * 2);
    for (Map.Entry<String, String> header : request.headers()) {
      headers.merge(
          header.getKey().toLowerCase(Locale.ROOT),
          header.getValue(),
          (first, next) -> first + ", " + next);
    }
    return headers;
  }
}
