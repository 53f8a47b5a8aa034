package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.Config;
import dev.switchboard.wire.AuthScheme;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.UpstreamCall;
import dev.switchboard.wire.UpstreamFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamClientTest {
  /** A request the test providers accept as it is. */
  private static final UpstreamCall STREAM_CALL =
      new UpstreamCall(
          "/chat/completions",
          Map.of("content-type", "application/json"),
          "{}".getBytes(StandardCharsets.UTF_8),
          AuthScheme.BEARER,
          false);

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void aSaturatedPool_failsTheNextCallAtOnce_asNotSent() throws Exception {
    AtomicInteger received = new AtomicInteger();
    UpstreamEndpoint endpoint = silentProvider(received);
    UpstreamClient client =
        new UpstreamClient(
            vertx, Duration.ofSeconds(30), Duration.ofSeconds(30), 1, List.of(endpoint));
    UpstreamCall call = STREAM_CALL;
    List<Future<UpstreamExchange>> admitted = new ArrayList<>();
    admitted.add(client.send(endpoint, call));
    awaitTrue(() -> received.get() > 0);
    assertThat(received.get()).as("the only connection is busy").isEqualTo(1);
    for (int i = 0; i < UpstreamClient.WAITING_PER_CONNECTION; i++) {
      admitted.add(client.send(endpoint, call));
    }
    UpstreamFailure failure = failureOf(client.send(endpoint, call));

    assertThat(failure.retry()).isEqualTo(UpstreamFailure.Retry.NOT_SENT);
    assertThat(failure.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(failure.cause()).isEqualTo(UpstreamFailure.Cause.CONNECTIONS_BUSY);
    assertThat(admitted)
        .as("the busy call and the waiting ones are untouched")
        .noneMatch(Future::isComplete);
  }

  @Test
  void aCallThatWaitsPastThePoolWait_failsAsTheGatewaysLimit_notAsAProviderTimeout()
      throws Exception {
    AtomicInteger received = new AtomicInteger();
    UpstreamEndpoint endpoint = silentProvider(received);
    Config.Upstream limits =
        new Config.Upstream(
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            1,
            false,
            true,
            false,
            Duration.ofMillis(300));
    UpstreamClient client = new UpstreamClient(vertx, limits, List.of(endpoint));
    Future<UpstreamExchange> busy = client.send(endpoint, STREAM_CALL);
    awaitTrue(() -> received.get() > 0);
    long start = System.nanoTime();
    UpstreamFailure failure = failureOf(client.send(endpoint, STREAM_CALL));
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(failure.cause()).isEqualTo(UpstreamFailure.Cause.CONNECTIONS_BUSY);
    assertThat(failure.retry()).isEqualTo(UpstreamFailure.Retry.NOT_SENT);
    assertThat(failure.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(waitedMs).as("connect timeout + pool wait").isBetween(700L, 10_000L);
    assertThat(received.get()).as("the waiting call never reached the provider").isEqualTo(1);
    assertThat(busy.isComplete()).isFalse();
  }

  @Test
  void aPendingCall_cancelledBeforeItsHeaders_resetsTheConnection() throws Exception {
    AtomicInteger received = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    HttpServer silent =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  received.incrementAndGet();
                  request.connection().closeHandler(v -> closed.incrementAndGet());
                });
    silent.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    UpstreamEndpoint endpoint =
        new UpstreamEndpoint("silent", "http://127.0.0.1:" + silent.actualPort(), Optional.empty());
    UpstreamClient client =
        new UpstreamClient(
            vertx, Duration.ofSeconds(30), Duration.ofSeconds(30), 4, List.of(endpoint));
    UpstreamCall call = STREAM_CALL;
    Context context = vertx.getOrCreateContext();
    UpstreamClient.Pending[] pending = new UpstreamClient.Pending[2];
    context.runOnContext(v -> pending[0] = client.start(endpoint, call));
    awaitTrue(() -> received.get() == 1);

    context.runOnContext(v -> pending[0].cancel());
    awaitTrue(() -> closed.get() == 1);
    assertThat(pending[0].response().failed()).isTrue();

    // Cancelled before it even started: it never reaches the provider.
    context.runOnContext(
        v -> {
          pending[1] = client.start(endpoint, call);
          pending[1].cancel();
        });
    awaitTrue(() -> pending[1] != null && pending[1].response().failed());
    Thread.sleep(200);
    assertThat(received.get()).isEqualTo(1);
  }

  @Test
  void overHttp2_moreOpenStreamsThanConnections() throws Exception {
    int streams = 20;
    AtomicInteger connections = new AtomicInteger();
    List<io.vertx.core.http.HttpVersion> versions = new ArrayList<>();
    UpstreamEndpoint endpoint = h2Endpoint(holdingUntil(streams, connections, versions));
    UpstreamClient client = h2Client(endpoint, 4);
    List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
    Context context = vertx.getOrCreateContext();
    for (int i = 0; i < streams; i++) {
      context.runOnContext(
          v ->
              client
                  .send(endpoint, STREAM_CALL)
                  .onSuccess(
                      exchange -> {
                        StringBuilder body = new StringBuilder();
                        exchange.stream(
                            data -> body.append(data.toString(StandardCharsets.UTF_8)),
                            end -> bodies.add(body.toString()));
                      })
                  .onFailure(error -> bodies.add("failed: " + error)));
    }
    awaitTrue(() -> bodies.size() == streams || bodies.stream().anyMatch(b -> b.startsWith("f")));

    assertThat(bodies).allMatch(b -> b.equals("data: {\"n\":1}\n\ndata: [DONE]\n\n"));
    assertThat(versions).hasSize(streams).containsOnly(io.vertx.core.http.HttpVersion.HTTP_2);
    // Over HTTP/1.1 the pool's 4 connections could not hold 20 streams open at once: this hangs.
    assertThat(connections.get()).as("connections carrying 20 open streams").isBetween(1, 4);
  }

  @Test
  void overHttp2_aBurstOfStreams_sharesAFewConnections() throws Exception {
    int streams = 300;
    AtomicInteger connections = new AtomicInteger();
    UpstreamEndpoint endpoint = h2Endpoint(holdingUntil(streams, connections, new ArrayList<>()));
    // Room for 1,000 streams, as 1,000 HTTP/1.1 connections would have.
    UpstreamClient client = h2Client(endpoint, 1000);
    java.util.Queue<String> ends = new java.util.concurrent.ConcurrentLinkedQueue<>();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v -> {
              for (int i = 0; i < streams; i++) {
                client
                    .send(endpoint, STREAM_CALL)
                    .onSuccess(exchange -> exchange.stream(data -> {}, end -> ends.add("ok")))
                    .onFailure(error -> ends.add("failed: " + error));
              }
            });
    awaitTrue(() -> ends.size() == streams || ends.stream().anyMatch(e -> e.startsWith("f")));

    assertThat(ends).hasSize(streams).containsOnly("ok");
    // The server allows 100 streams per connection: 3 carry them; the pool may open up to 10.
    assertThat(connections.get()).as("connections carrying 300 streams").isBetween(3, 10);
  }

  /**
   * A provider that answers each stream with one event and holds it open until {@code streams} are
   * open at once, then ends them all; counts its connections and notes each request's version.
   */
  private HttpServer holdingUntil(
      int streams, AtomicInteger connections, List<io.vertx.core.http.HttpVersion> versions) {
    List<io.vertx.core.http.HttpServerResponse> open = new ArrayList<>();
    return vertx
        .createHttpServer()
        .connectionHandler(c -> connections.incrementAndGet())
        .requestHandler(
            request -> {
              versions.add(request.version());
              io.vertx.core.http.HttpServerResponse response = request.response();
              response.setChunked(true).write("data: {\"n\":1}\n\n");
              open.add(response);
              if (open.size() == streams) {
                open.forEach(r -> r.end("data: [DONE]\n\n"));
              }
            });
  }

  /** How the call failed, classified as the gateway does (within 20 s). */
  private static UpstreamFailure failureOf(Future<UpstreamExchange> call) throws Exception {
    Throwable error =
        call.toCompletionStage()
            .toCompletableFuture()
            .handle((exchange, failed) -> failed)
            .get(20, TimeUnit.SECONDS);
    assertThat(error).as("the call failed").isNotNull();
    return UpstreamFailures.of(error instanceof CompletionException e ? e.getCause() : error, true);
  }

  /**
   * A provider that takes requests and never answers, so every connection stays busy; counts the
   * requests it received.
   */
  private UpstreamEndpoint silentProvider(AtomicInteger received) {
    HttpServer silent =
        vertx.createHttpServer().requestHandler(request -> received.incrementAndGet());
    silent.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    return new UpstreamEndpoint(
        "silent", "http://127.0.0.1:" + silent.actualPort(), Optional.of("pool-test-key"));
  }

  /** The provider, listening on a free port, as an endpoint. */
  private static UpstreamEndpoint h2Endpoint(HttpServer provider) {
    provider.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    return new UpstreamEndpoint(
        "h2", "http://127.0.0.1:" + provider.actualPort() + "/v1", Optional.of("h2-test-key"));
  }

  /** A client that speaks HTTP/2 to the endpoint, with room for {@code maxConnections}. */
  private UpstreamClient h2Client(UpstreamEndpoint endpoint, int maxConnections) {
    return new UpstreamClient(
        vertx,
        new Config.Upstream(
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            maxConnections,
            false,
            true,
            true,
            Config.Upstream.DEFAULT_POOL_WAIT),
        List.of(endpoint));
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
