package dev.switchboard.provider;

import dev.switchboard.config.Config;
import dev.switchboard.wire.UpstreamCall;
import dev.switchboard.wire.UpstreamFailure;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.buffer.BufferInternal;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Sends calls to providers over pooled keep-alive connections (one pool per host) and injects the
 * provider's credential as the call's format asks. Thread-safe; one per gateway.
 */
public final class UpstreamClient {
  /** How many requests may wait per pooled connection before more are refused. */
  public static final int WAITING_PER_CONNECTION = 4;

  /**
   * Over HTTP/2 a connection carries many streams (providers allow about 100 at once), and every
   * request waits while the first connection opens: that many may wait per connection.
   */
  public static final int WAITING_PER_HTTP2_CONNECTION = 100;

  /** The streams a provider typically allows on one HTTP/2 connection at once. */
  static final int STREAMS_PER_HTTP2_CONNECTION = 100;

  private final Vertx vertx;
  private final HttpClientAgent http;
  // How long a request may wait for a connection: to open one, or for a busy one to be free.
  private final long connectionWaitMs;
  private final Duration idleTimeout;
  private final ProviderSecrets secrets;
  // Each provider's base URL parsed once (setAbsoluteURI parsed a java.net.URL per request).
  private final Map<String, Origin> origins = new ConcurrentHashMap<>();

  /**
   * {@code configured} are every configured provider: whatever a provider sends back is scrubbed of
   * all their credentials. At most {@link #WAITING_PER_CONNECTION} requests per connection wait for
   * one (Vert.x counts a request whose connection is still opening as waiting); more fail at once,
   * so a saturated provider makes callers fall back instead of queueing without end. HTTP/1.1.
   */
  public UpstreamClient(
      Vertx vertx,
      Duration connectTimeout,
      Duration idleTimeout,
      int maxConnectionsPerHost,
      Collection<UpstreamEndpoint> configured) {
    this(
        vertx, new Config.Upstream(connectTimeout, idleTimeout, maxConnectionsPerHost), configured);
  }

  /**
   * As configured; with {@link Config.Upstream#http2()} each connection carries as many streams as
   * the provider allows (its SETTINGS_MAX_CONCURRENT_STREAMS, often 100), so 10,000 open streams
   * need about 100 sockets instead of 10,000, and a connection's fixed cost (a channel, its
   * pipeline, Vert.x's 4 KB outbound queue) is shared.
   */
  public UpstreamClient(
      Vertx vertx, Config.Upstream limits, Collection<UpstreamEndpoint> configured) {
    HttpClientOptions options =
        new HttpClientOptions()
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setVerifyHost(true)
            .setDecompressionSupported(true)
            // Opening a connection is bounded on its own (TCP, then TLS), so a provider that does
            // not accept fails as the provider's fault; the request's wait below covers the pool.
            .setConnectTimeout(Math.toIntExact(limits.connectTimeout().toMillis()))
            .setSslHandshakeTimeout(limits.connectTimeout().toMillis())
            .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    if (limits.http2()) {
      // ALPN on https (HTTP/1.1 if the provider does not offer h2); prior knowledge on http.
      options
          .setProtocolVersion(HttpVersion.HTTP_2)
          .setUseAlpn(true)
          .setHttp2ClearTextUpgrade(false);
    }
    int connections = limits.maxConnectionsPerHost();
    this.http =
        vertx.createHttpClient(
            options,
            new PoolOptions()
                .setHttp1MaxSize(connections)
                .setHttp2MaxSize(http2Connections(connections))
                .setMaxWaitQueueSize(
                    (limits.http2() ? WAITING_PER_HTTP2_CONNECTION : WAITING_PER_CONNECTION)
                        * connections));
    this.vertx = vertx;
    this.connectionWaitMs = limits.connectTimeout().plus(limits.poolWait()).toMillis();
    this.idleTimeout = limits.idleTimeout();
    this.secrets = new ProviderSecrets(configured);
  }

  /**
   * The HTTP/2 connections for a configured maximum of HTTP/1.1 ones: the same number of open
   * streams at about 100 per connection. Vert.x's pool opens a new connection for every request
   * that finds none with a free stream while the pool is below its size, so a burst of streams at a
   * size of N opened nearly one connection per stream (2,572 for 10,000 in bench/open-streams.sh),
   * and the requests queued behind them timed out.
   */
  static int http2Connections(int http1Connections) {
    return Math.max(1, http1Connections / STREAMS_PER_HTTP2_CONNECTION);
  }

  /**
   * Sends the call; the future completes when the response headers arrive, or fails with the
   * transport error (classify it with {@link UpstreamFailures}). A silent provider fails it after
   * the idle timeout.
   */
  public Future<UpstreamExchange> send(UpstreamEndpoint endpoint, UpstreamCall call) {
    return start(endpoint, call).response();
  }

  /**
   * As {@link #send}, with a handle that stops the call before its headers arrive (a client that
   * left, a first-token timeout): the connection is reset, so the provider stops at once.
   */
  public Pending start(UpstreamEndpoint endpoint, UpstreamCall call) {
    Origin origin = origins.computeIfAbsent(endpoint.baseUrl(), Origin::of);
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(origin.host())
            .setPort(origin.port())
            .setSsl(origin.ssl())
            .setURI(origin.uri(join(endpoint.baseUrl(), call.path())))
            .setConnectTimeout(connectionWaitMs)
            .setIdleTimeout(idleTimeout.toMillis());
    call.headers().forEach(options::putHeader);
    endpoint.apiKey().ifPresent(key -> Credentials.inject(call.auth(), key, options));
    Pending pending = new Pending();
    pending.response =
        http.request(options)
            .compose(
                request -> {
                  if (pending.cancelled) {
                    // Handled, so Vert.x does not log the reset it reports as an error.
                    request.exceptionHandler(ignored -> {});
                    request.reset();
                    return Future.failedFuture(new CancellationException("cancelled"));
                  }
                  pending.request = request;
                  UpstreamExchange[] exchange = new UpstreamExchange[1];
                  // Failures before the headers fail send(); later ones go to the exchange's
                  // handler.
                  request.exceptionHandler(
                      error -> {
                        if (exchange[0] != null) {
                          exchange[0].failed(error);
                        }
                      });
                  // Wrapped, not copied: Buffer.buffer(byte[]) copies an agent's 100 KB body.
                  return request
                      .send(BufferInternal.buffer(Unpooled.wrappedBuffer(call.body())))
                      .map(
                          response ->
                              exchange[0] =
                                  new UpstreamExchange(
                                      vertx, request, response, idleTimeout, secrets));
                },
                this::connectionNotObtained);
    return pending;
  }

  /**
   * Vert.x fails a request that waited its connect timeout for a connection with a timeout; a
   * connection that could not be opened fails it with the connect error instead (bounded by the
   * client's own connect timeout, which is shorter), so the timeout means the pool stayed busy.
   */
  private <T> Future<T> connectionNotObtained(Throwable error) {
    return Future.failedFuture(
        error instanceof TimeoutException ? new ConnectionWaitExceeded(connectionWaitMs) : error);
  }

  /**
   * A call whose response headers may not have arrived yet. Confined to the caller's event loop,
   * like the call itself.
   */
  public static final class Pending {
    // Shared: a failed future is immutable, and every call replaces it before anyone reads it.
    private static final Future<UpstreamExchange> NOT_STARTED = Future.failedFuture("not started");
    private Future<UpstreamExchange> response = NOT_STARTED;
    private @Nullable HttpClientRequest request;
    private boolean cancelled;

    private Pending() {}

    /** Completes with the exchange once the headers arrived, or fails. */
    public Future<UpstreamExchange> response() {
      return response;
    }

    /** Resets the call if it is under way, or makes sure it never starts; idempotent. */
    public void cancel() {
      cancelled = true;
      if (request != null) {
        request.reset();
      }
    }
  }

  /**
   * The failure with every configured provider key removed from its detail: apply to each failure
   * before it reaches a client, a log or the ledger.
   */
  public UpstreamFailure scrub(UpstreamFailure failure) {
    return secrets.scrub(failure);
  }

  public Future<Void> close() {
    return http.close();
  }

  /**
   * The format's path appended to the base URL's path; a query in the base URL (a key some
   * providers take as {@code ?key=}) stays a query, after the path's own if it has one.
   */
  static String join(String baseUrl, String path) {
    int query = baseUrl.indexOf('?');
    String base = query < 0 ? baseUrl : baseUrl.substring(0, query);
    String joined = base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path;
    if (query < 0) {
      return joined;
    }
    return joined + (path.indexOf('?') < 0 ? "?" : "&") + baseUrl.substring(query + 1);
  }

  /**
   * Where a base URL's requests go, as {@code RequestOptions.setAbsoluteURI} reads it (default port
   * by scheme), and where its path starts: a joined URL's request URI is what follows.
   */
  record Origin(String host, int port, boolean ssl, int pathStart) {
    static Origin of(String baseUrl) {
      RequestOptions parsed = new RequestOptions().setAbsoluteURI(baseUrl);
      int authority = baseUrl.indexOf("://") + 3;
      int end = baseUrl.length();
      for (int i = authority; i < baseUrl.length(); i++) {
        char c = baseUrl.charAt(i);
        if (c == '/' || c == '?' || c == '#') {
          end = i;
          break;
        }
      }
      return new Origin(parsed.getHost(), parsed.getPort(), parsed.isSsl(), end);
    }

    /** The request URI of {@code url}, a URL under this origin (path and query, at least "/"). */
    String uri(String url) {
      String file = url.substring(pathStart);
      return file.startsWith("/") ? file : "/" + file;
    }
  }
}
