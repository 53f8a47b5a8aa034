package dev.switchboard.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load client of bench/open-streams.sh: opens STREAMS concurrent streamed chats through the
 * gateway (at most OPENING connecting or sending at a time), and while they are all open measures
 * the gateway's resident memory and the latency of other requests (against the same probe with no
 * stream open, a baseline from the same run); then checks that every stream ended with usage and
 * [DONE]. Settings come from the environment (see {@link #env}); prints a table, exits 1 on any
 * failed stream.
 */
public final class OpenStreams {
  private final HttpClientAgent client;
  private final RequestOptions request;
  private final Buffer body;
  private final int streams;
  private final int opening;
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final AtomicInteger awaiting = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final AtomicInteger chunks = new AtomicInteger();
  private final Vertx vertx;

  private OpenStreams(Vertx vertx, String base, String key, String model, int maxTokens) {
    this.vertx = vertx;
    this.streams = Integer.parseInt(env("STREAMS", "10000"));
    this.opening = Integer.parseInt(env("OPENING", "256"));
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(false).setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(streams).setMaxWaitQueueSize(-1));
    this.request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(base + "/v1/chat/completions")
            .putHeader("Authorization", "Bearer " + key)
            .putHeader("Content-Type", "application/json")
            .setConnectTimeout(60_000);
    this.body =
        Buffer.buffer(
            "{\"model\":\""
                + model
                + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":"
                + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt(Integer.parseInt(env("PROMPT_KB", "0")))
                + "Tell me about load.\"}]}");
  }

  /** About {@code kb} KB of prose before the question: agents send long prompts. */
  private static String prompt(int kb) {
    String sentence = "The quick brown fox jumps over the lazy dog near the river bank. ";
    return sentence.repeat(kb * 1024 / sentence.length());
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public static void main(String[] args) {
    try {
      System.exit(run());
    } catch (Exception | Error e) {
      // The event loop's threads would keep the JVM, and the script waiting on it, alive.
      e.printStackTrace();
      System.exit(2);
    }
  }

  /** The whole run; its exit status. */
  private static int run() throws Exception {
    String base = env("GW_URL", "http://127.0.0.1:18088");
    String key = env("KEY", "");
    long pid = Long.parseLong(env("GW_PID", "0"));
    Duration hold = Duration.ofSeconds(Long.parseLong(env("HOLD_SECONDS", "10")));
    OpenStreamsProbe probe =
        new OpenStreamsProbe(base, key, env("FAST_MODEL", "openai/gpt-5-mini"));
    OpenStreamsReport report = new OpenStreamsReport(pid, env("LABEL", "gateway"));
    report.idle(probe.inChild(hold));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    OpenStreams load =
        new OpenStreams(
            vertx,
            base,
            key,
            env("SLOW_MODEL", "deepseek/deepseek-v3.2"),
            Integer.parseInt(env("MAX_TOKENS", "45")));
    long rampStart = System.nanoTime();
    vertx.runOnContext(v -> load.more());
    load.awaitAllOpen(Duration.ofSeconds(Long.parseLong(env("RAMP_TIMEOUT", "180"))));
    report.allOpen((System.nanoTime() - rampStart) / 1e9, load.open.get() - load.ended.get());
    report.loaded(probe.inChild(hold), load.ended.get());
    if (!env("HISTO", "").isEmpty()) {
      report.histogram(load.open.get() - load.ended.get(), env("HISTO", ""));
    }
    load.awaitAllEnded(Duration.ofSeconds(Long.parseLong(env("END_TIMEOUT", "300"))));
    report.afterLoad(probe.inChild(hold));
    report.print(load.streams, load.failed.get(), load.failures, load.chunks.get());
    vertx.close().await();
    return load.failed.get() == 0 && load.ended.get() == load.streams ? 0 : 1;
  }

  /** Starts streams until OPENING await their headers or all are started; on the event loop. */
  private void more() {
    while (awaiting.get() < opening && started.get() < streams) {
      started.incrementAndGet();
      awaiting.incrementAndGet();
      OpenStreamsStream stream = new OpenStreamsStream();
      client
          .request(request)
          .onSuccess(
              sent -> {
                sent.response()
                    .onSuccess(response -> receive(stream, response))
                    .onFailure(error -> settle(stream, "before headers: " + error, false));
                sent.end(body).onComplete(v -> opened());
              })
          .onFailure(error -> settle(stream, "connect: " + error, true));
    }
  }

  /** The request is sent: the next one may connect. */
  private void opened() {
    awaiting.decrementAndGet();
    more();
  }

  private void receive(OpenStreamsStream stream, HttpClientResponse response) {
    stream.headers(response.statusCode());
    open.incrementAndGet();
    response.handler(stream::received);
    response.exceptionHandler(error -> settle(stream, "mid-stream: " + error, false));
    response.endHandler(v -> settle(stream, stream.verdict(), false));
  }

  private void settle(OpenStreamsStream stream, String failure, boolean beforeHeaders) {
    if (!stream.settle()) {
      return;
    }
    if (beforeHeaders) {
      // Never connected: counts as opened and ended, and frees its place in the ramp.
      open.incrementAndGet();
      awaiting.decrementAndGet();
      vertx.runOnContext(v -> more());
    } else if (stream.status() == 0) {
      open.incrementAndGet();
    }
    ended.incrementAndGet();
    chunks.addAndGet((int) stream.chunks());
    if (failure != null) {
      failed.incrementAndGet();
      // The kind, not each message: connection errors repeat with distinct ports.
      String kind = failure.length() > 160 ? failure.substring(0, 160) : failure;
      failures.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  private void awaitAllOpen(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (open.get() < streams && System.nanoTime() < end) {
      Thread.sleep(50);
    }
  }

  private void awaitAllEnded(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (ended.get() < streams && System.nanoTime() < end) {
      Thread.sleep(100);
    }
  }
}
