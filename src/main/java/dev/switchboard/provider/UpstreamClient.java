package dev.switchboard.provider;

import dev.switchboard.wire.UpstreamCall;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;

/**
 * Sends calls to providers over pooled keep-alive connections (one pool per host) and injects the
 * provider's credential as the call's format asks. Thread-safe; one per gateway.
 */
public final class UpstreamClient {
  private final HttpClientAgent http;
  private final long connectTimeoutMs;
  private final long idleTimeoutMs;

  public UpstreamClient(Vertx vertx, Duration connectTimeout, Duration idleTimeout, int maxConnectionsPerHost) {
    HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setVerifyHost(true).setDecompressionSupported(true);
    this.http = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(maxConnectionsPerHost));
    this.connectTimeoutMs = connectTimeout.toMillis();
    this.idleTimeoutMs = idleTimeout.toMillis();
  }

  /**
   * Sends the call; the future completes when the response headers arrive, or fails with the
   * transport error (classify it with {@link UpstreamFailures}). A silent provider fails it after the idle timeout.
   */
  public Future<UpstreamExchange> send(UpstreamEndpoint endpoint, UpstreamCall call) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(join(endpoint.baseUrl(), call.path()))
            .setConnectTimeout(connectTimeoutMs)
            .setIdleTimeout(idleTimeoutMs);
    call.headers().forEach(options::putHeader);
    endpoint.apiKey().ifPresent(key -> Credentials.inject(call.auth(), key, options));
    return http.request(options).compose(request -> request.send(Buffer.buffer(call.body())).map(response -> new UpstreamExchange(request, response)));
  }

  public Future<Void> close() {
    return http.close();
  }

  private static String join(String baseUrl, String path) {
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) + path : baseUrl + path;
  }
}
