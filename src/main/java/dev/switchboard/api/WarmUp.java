package dev.switchboard.api;

import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.SseDecoder;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the first request would otherwise wait for, done at start on a thread of its own: loading
 * the classes of the hot path, by running each wire format's codecs over a small made-up exchange.
 * Calls no provider. The tokenizer is not loaded here: only estimates need it, and they load it off
 * the event loop (13 MiB of an idle gateway's memory).
 */
public final class WarmUp {
  private static final byte[] REQUEST =
      ("{\"model\":\"warm/up\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] STREAM =
      ("data: {\"id\":\"w\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"w\","
              + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hi\"},"
              + "\"finish_reason\":\"stop\"}]}\n\n"
              + "data: {\"id\":\"w\",\"created\":1,\"model\":\"w\",\"choices\":[],"
              + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}\n\ndata: [DONE]\n\n")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] ANSWER =
      ("{\"id\":\"w\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"w\",\"choices\":"
              + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
              + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}")
          .getBytes(StandardCharsets.UTF_8);

  private static final int LOOPBACK_TIMEOUT_SECONDS = 10;

  private WarmUp() {}

  /** Starts warming up; the future completes when done (it never fails: a warm-up is optional). */
  public static CompletableFuture<Void> start() {
    return CompletableFuture.runAsync(
            WarmUp::run,
            task -> Thread.ofPlatform().name("switchboard-warm-up").daemon().start(task))
        .exceptionally(error -> null);
  }

  /**
   * Waits for {@code started}, then sends the gateway listening on {@code host:port} two requests
   * of its own through a Vert.x HTTP client: a health check and a chat with a made-up key (refused
   * before any routing), so the first client request finds the HTTP classes of both sides, the
   * router and the key lookup loaded. Never fails: a warm-up is optional.
   */
  public static void finish(CompletableFuture<Void> started, Vertx vertx, String host, int port) {
    started.join();
    HttpClient client = vertx.createHttpClient();
    try {
      client
          .request(HttpMethod.GET, port, host, "/health")
          .compose(request -> request.send())
          .compose(HttpClientResponse::body)
          .compose(
              ignored ->
                  client.request(
                      new RequestOptions()
                          .setMethod(HttpMethod.POST)
                          .setHost(host)
                          .setPort(port)
                          .setURI("/v1/chat/completions")
                          .putHeader("authorization", "Bearer sk-sb-v1-" + "0".repeat(40))
                          .putHeader("content-type", "application/json")))
          .compose(request -> request.send(Buffer.buffer(REQUEST)))
          .compose(HttpClientResponse::body)
          .toCompletionStage()
          .toCompletableFuture()
          .get(LOOPBACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The gateway serves anyway; only its first request is slower.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      client.close();
    }
  }

  static void run() {
    // The OpenAI exchange is the one measured against peers; other formats warm up on first use.
    try {
      exercise(WireFormats.find("openai").orElseThrow());
    } catch (WireException | UpstreamStreamError e) {
      throw new IllegalStateException("the warm-up exchange no longer parses", e);
    }
  }

  private static void exercise(WireFormat format) throws WireException, UpstreamStreamError {
    ChatRequest request = format.parseRequest(IngressRequest.of(REQUEST));
    format.encodeRequest(request, new UpstreamTarget("w"));
    List<SseEvent> events = new ArrayList<>();
    new SseDecoder().feed(STREAM, events::add);
    Passthrough.Stream relay = format.passthrough().open(request, "warm/up");
    StreamDecoder decoder = format.newStreamDecoder(request);
    StreamEncoder encoder = format.newStreamEncoder(request);
    List<ChatEvent> decoded = new ArrayList<>();
    for (SseEvent event : events) {
      relay.decode(event, ignored -> {});
      relay.relayed().ifPresent(SseEvent::frame);
      decoder.decode(event, decoded::add);
    }
    Usage usage = Usage.estimated(1, 1);
    decoded.forEach(event -> encoder.encode(event, SseEvent::frame));
    encoder.complete(usage, SseEvent::frame);
    encoder.fail(GatewayError.of(ErrorKind.UPSTREAM_FAILED, "warm-up"), SseEvent::frame);
    relay.closing(usage);
    format.passthrough().readBody(ANSWER).answer(usage, "warm/up");
    format.encodeResponse(format.decodeResponse(ANSWER));
    format.encodeError(GatewayError.of(ErrorKind.INVALID_REQUEST, "warm-up"));
  }
}
