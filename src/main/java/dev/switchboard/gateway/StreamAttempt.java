package dev.switchboard.gateway;

import dev.switchboard.policy.redact.StreamRestorer;
import dev.switchboard.provider.UpstreamExchange;
import dev.switchboard.provider.UpstreamFailures;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ByteSink;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.SseDecoder;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.SseSink;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Relays one provider's stream to the client. Same format: events pass unchanged, the usage is held
 * back. Other formats: events are decoded and re-encoded. Events wait in {@code pending} until the
 * first content arrives, so an attempt that dies before that leaves the client untouched.
 */
final class StreamAttempt {
  /** How an attempt went: content once at most, then exactly one of the two endings, once. */
  interface Outcome {
    /** The first content event arrived (the client may now be committed). */
    void content();

    void completed(StreamAttempt attempt);

    void failed(UpstreamFailure failure);

    /** The key's budget cannot pay for more of this answer: the stream must end now. */
    void outOfBudget(GatewayError error);
  }

  private static final String MALFORMED = "malformed stream event: ";
  private final ChatCall call;
  private final Route route;
  private final UpstreamExchange exchange;
  private final ClientChannel.Stream client;
  private final StreamEncoder encoder;
  private final Outcome outcome;
  private final SseDecoder sse = new SseDecoder();
  private final StreamDecoder decoder;
  private final StreamTap tap = new StreamTap();
  private final Optional<Passthrough.Stream> passthrough;

  /** Counts the answer against the key's budget, when the key has one. */
  private final Optional<SpendMeter> meter;

  /** Puts redacted values back into what the client sees; inert for a request not redacted. */
  private final StreamRestorer restorer;

  /** Frames held until the first content, so an attempt that dies before it leaves no trace. */
  private final List<byte[]> pending = new ArrayList<>();

  private final List<ChatEvent> decoded = new ArrayList<>(4);
  private final Consumer<ChatEvent> decodedAdd = decoded::add;
  private final Consumer<SseDecoder.Frame> onFrame = this::event;
  private final SseSink onEmit = this::emit;

  /** Where a same-format relay writes the client's bytes, straight from the provider's. */
  private final ByteSink relaySink = this::emit;

  private boolean over;
  private boolean content;

  StreamAttempt(
      ChatCall call,
      Route route,
      UpstreamExchange exchange,
      ClientChannel.Stream client,
      Optional<SpendMeter> meter,
      Outcome outcome) {
    this.call = call;
    this.meter = meter;
    this.route = route;
    this.exchange = exchange;
    this.client = client;
    this.outcome = outcome;
    // Each attempt has its own encoder: a failed attempt's state never reaches the next.
    this.encoder = call.ingress.newStreamEncoder(call.request);
    encoder.identify(call.generationId, call.startedAt.getEpochSecond(), servedModel());
    encoder.servedBy(route.provider().name());
    this.restorer = call.restorer().stream();
    // A redacted request's answer is re-encoded from canonical events, which the restorer rewrites.
    this.passthrough =
        route.format() == call.ingress && call.restorer().isEmpty()
            ? Optional.of(
                call.ingress
                    .passthrough()
                    .open(call.request, servedModel(), route.provider().name()))
            : Optional.empty();
    this.decoder =
        passthrough.isPresent() ? passthrough.get() : route.format().newStreamDecoder(call.request);
  }

  void run() {
    exchange.onFailure(error -> fail(UpstreamFailures.of(error, true)));
    exchange.stream(this::received, v -> ended());
  }

  /** This attempt's encoder: what an in-band error after its content is written with. */
  StreamEncoder encoder() {
    return encoder;
  }

  Route route() {
    return route;
  }

  StreamTap tap() {
    return tap;
  }

  void cancel() {
    if (!over) {
      over = true;
      exchange.cancel();
    }
  }

  /** Writes the settled usage and the end marker; the caller ends the response. */
  void close(Usage settled) {
    if (passthrough.isPresent()) {
      passthrough.get().closing(settled).forEach(client::write);
    } else {
      restorer.finish(canonical -> encoder.encode(canonical, client::write));
      encoder.complete(settled, client::write);
    }
  }

  private void received(Buffer bytes) {
    byte[] read = bytes.getBytes();
    sse.feedFrames(read, 0, read.length, onFrame);
    client.flush();
    if (client.writeQueueFull()) {
      exchange.pause();
      client.onDrain(exchange::resume);
    }
  }

  private void event(SseDecoder.Frame frame) {
    if (over) {
      return;
    }
    decoded.clear();
    try {
      decoder.decode(frame, decodedAdd);
    } catch (WireException e) {
      String why = String.valueOf(e.getMessage());
      fail(afterHeaders(why.startsWith(MALFORMED) ? why : MALFORMED + why));
      return;
    } catch (UpstreamStreamError e) {
      fail(e.failure());
      return;
    }
    for (ChatEvent canonical : decoded) {
      if (canonical instanceof ChatEvent.Started started) {
        identify(started);
      }
      tap.accept(canonical);
    }
    if (!content && tap.sawContent()) {
      content = true;
      call.firstToken();
      outcome.content();
    }
    relay();
    // What arrived was relayed first: the key pays for it.
    if (meter.isPresent() && meter.get().exhausted(tap.textBytes())) {
      over = true;
      exchange.cancel();
      outcome.outOfBudget(meter.get().error());
    }
  }

  private void relay() {
    if (passthrough.isPresent()) {
      // Right here, in the decoder's callback: the frame's bytes are reused once it returns.
      passthrough.get().relayTo(relaySink);
    } else if (call.restorer().isEmpty()) {
      for (ChatEvent canonical : decoded) {
        encoder.encode(canonical, onEmit);
      }
    } else {
      for (ChatEvent canonical : decoded) {
        restorer.accept(canonical, restored -> encoder.encode(restored, onEmit));
      }
    }
  }

  /**
   * Every chunk of the client's stream, the gateway's own included, carries the provider's first id
   * and created time (or the generation id and now) and the catalog id of the model serving.
   */
  private void identify(ChatEvent.Started started) {
    call.answeredAs(started.model());
    encoder.identify(
        started.id().isEmpty() ? call.generationId : started.id(),
        started.created() > 0 ? started.created() : Instant.now().getEpochSecond(),
        servedModel());
  }

  private String servedModel() {
    return route.deployment().modelId();
  }

  private void emit(SseEvent event) {
    if (live()) {
      flush();
      client.write(event);
    } else {
      pending.add(event.frame().getBytes(StandardCharsets.UTF_8));
    }
  }

  private void emit(byte[] frames, int offset, int length) {
    if (live()) {
      flush();
      client.write(frames, offset, length);
    } else {
      pending.add(Arrays.copyOfRange(frames, offset, offset + length));
    }
  }

  /** Whether the client's stream is under way: events go to it as they come. */
  private boolean live() {
    return client.committed() || tap.sawContent();
  }

  private void flush() {
    for (byte[] frame : pending) {
      client.write(frame, 0, frame.length);
    }
    pending.clear();
  }

  private void ended() {
    if (over) {
      return;
    }
    sse.finishFrames(onFrame);
    try {
      decoder.finish(tap);
    } catch (StreamTruncated e) {
      fail(afterHeaders(e.getMessage()));
      return;
    }
    if (over) {
      return;
    }
    flush();
    client.flush();
    over = true;
    outcome.completed(this);
  }

  /** A provider that answered 200 and then broke its own stream: another provider may do better. */
  static UpstreamFailure afterHeaders(String detail) {
    return new UpstreamFailure(
        UpstreamFailure.Retry.RETRYABLE, ErrorKind.UPSTREAM_FAILED, 200, Optional.empty(), detail);
  }

  private void fail(UpstreamFailure failure) {
    if (!over) {
      over = true;
      exchange.cancel();
      outcome.failed(failure);
    }
  }
}
