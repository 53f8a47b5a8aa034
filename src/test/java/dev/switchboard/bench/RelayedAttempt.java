package dev.switchboard.bench;

import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.SseDecoder;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One stream attempt driven the way gateway.StreamAttempt drives the wire code (read that class
 * when it changes): each provider read framed by an SseDecoder, each event decoded for the tap,
 * then relayed unchanged (same format) or re-encoded (other formats), and each outgoing event
 * appended to the read's client buffer as api.ClientStream does ({@code appendString(frame())}).
 * Uses only the wire API that main had before issue 14, so the same class measures an older build
 * of wire/ put first on the class path.
 */
final class RelayedAttempt {
  static final String MODEL = "bench/model";
  static final String PROVIDER = "Bench Provider";
  private static final BigDecimal COST = new BigDecimal("0.000123");

  private final SseDecoder sse = new SseDecoder();
  private final StreamDecoder decoder;
  private final Optional<Passthrough.Stream> passthrough;
  private final StreamEncoder encoder;
  private final Tap tap = new Tap();
  private final List<ChatEvent> decoded = new ArrayList<>(4);
  private final Consumer<Buffer> client;
  private Buffer outgoing = Buffer.buffer(512);

  RelayedAttempt(
      WireFormat provider, WireFormat ingress, ChatRequest request, Consumer<Buffer> client) {
    this.client = client;
    this.encoder = ingress.newStreamEncoder(request);
    encoder.identify("gen-bench-1", 1767225600L, MODEL);
    encoder.servedBy(PROVIDER);
    this.passthrough =
        provider == ingress
            ? Optional.of(ingress.passthrough().open(request, MODEL, PROVIDER))
            : Optional.empty();
    this.decoder = passthrough.isPresent() ? passthrough.get() : provider.newStreamDecoder(request);
  }

  /** Relays the whole stream: every read, the end, and the settled closing events. */
  static void run(
      WireFormat provider,
      WireFormat ingress,
      ChatRequest request,
      LongStream stream,
      Consumer<Buffer> client)
      throws Exception {
    RelayedAttempt attempt = new RelayedAttempt(provider, ingress, request, client);
    for (byte[] read : stream.reads()) {
      attempt.received(read);
    }
    attempt.ended();
  }

  private void received(byte[] read) throws Exception {
    Exception[] failure = new Exception[1];
    sse.feed(
        read,
        event -> {
          try {
            event(event);
          } catch (WireException | UpstreamStreamError e) {
            failure[0] = e;
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    flush();
  }

  private void event(SseEvent event) throws WireException, UpstreamStreamError {
    decoded.clear();
    decoder.decode(event, decoded::add);
    for (ChatEvent canonical : decoded) {
      if (canonical instanceof ChatEvent.Started started) {
        encoder.identify(started.id(), started.created(), MODEL);
      }
      tap.accept(canonical);
    }
    if (passthrough.isPresent()) {
      passthrough.get().relayed().ifPresent(this::emit);
    } else {
      decoded.forEach(canonical -> encoder.encode(canonical, this::emit));
    }
  }

  private void emit(SseEvent event) {
    outgoing.appendString(event.frame());
  }

  private void flush() {
    if (outgoing.length() > 0) {
      client.accept(outgoing);
      outgoing = Buffer.buffer(512);
    }
  }

  private void ended() throws StreamTruncated {
    sse.finish(this::emit);
    decoder.finish(tap);
    Usage settled = tap.usage.orElse(Usage.estimated(10, 5)).withCost(COST);
    if (passthrough.isPresent()) {
      passthrough.get().closing(settled).forEach(this::emit);
    } else {
      encoder.complete(settled, this::emit);
    }
    flush();
  }

  /** What gateway.StreamTap does with each canonical event. */
  private static final class Tap implements Consumer<ChatEvent> {
    private final StringBuilder completion = new StringBuilder();
    private Optional<Usage> usage = Optional.empty();

    @Override
    public void accept(ChatEvent event) {
      switch (event) {
        case ChatEvent.TextDelta text -> completion.append(text.text());
        case ChatEvent.ReasoningDelta reasoning -> completion.append(reasoning.text());
        case ChatEvent.ToolCallStarted call -> completion.append(call.name());
        case ChatEvent.ToolArgumentsDelta args -> completion.append(args.jsonFragment());
        case ChatEvent.UsageReported reported -> usage = Optional.of(reported.usage());
        default -> {
          // Nothing the bench needs.
        }
      }
    }
  }
}
