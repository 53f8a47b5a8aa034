package dev.switchboard.bench;

import dev.switchboard.wire.ByteSink;
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
 * As {@link RelayedAttempt}, through the wire API of issue 14 that gateway.StreamAttempt should
 * call instead: events framed as bytes ({@link SseDecoder#feedFrames}), decoded from them ({@link
 * StreamDecoder#decode(SseDecoder.Frame, Consumer)}), and a same-format relay writing the client's
 * bytes into the outgoing buffer ({@link Passthrough.Stream#relayTo}) instead of handing out an
 * SseEvent to frame again. Cross-format events still go out as SseEvents.
 */
final class FrameAttempt {
  private static final BigDecimal COST = new BigDecimal("0.000123");
  private final SseDecoder sse = new SseDecoder();
  private final StreamDecoder decoder;
  private final Optional<Passthrough.Stream> passthrough;
  private final StreamEncoder encoder;
  private final List<ChatEvent> decoded = new ArrayList<>(4);
  private final Consumer<Buffer> client;
  private final ByteSink sink =
      (bytes, offset, length) -> outgoing().appendBytes(bytes, offset, length);
  private final Consumer<SseDecoder.Frame> onFrame = this::frame;
  private Optional<Usage> usage = Optional.empty();
  private final StringBuilder completion = new StringBuilder();
  private Buffer outgoing = Buffer.buffer(512);
  private Exception failure;

  private FrameAttempt(
      WireFormat provider, WireFormat ingress, ChatRequest request, Consumer<Buffer> client) {
    this.client = client;
    this.encoder = ingress.newStreamEncoder(request);
    encoder.identify("gen-bench-1", 1767225600L, RelayedAttempt.MODEL);
    encoder.servedBy(RelayedAttempt.PROVIDER);
    this.passthrough =
        provider == ingress
            ? Optional.of(
                ingress.passthrough().open(request, RelayedAttempt.MODEL, RelayedAttempt.PROVIDER))
            : Optional.empty();
    this.decoder = passthrough.isPresent() ? passthrough.get() : provider.newStreamDecoder(request);
  }

  static void run(
      WireFormat provider,
      WireFormat ingress,
      ChatRequest request,
      LongStream stream,
      Consumer<Buffer> client)
      throws Exception {
    FrameAttempt attempt = new FrameAttempt(provider, ingress, request, client);
    for (byte[] read : stream.reads()) {
      attempt.sse.feedFrames(read, 0, read.length, attempt.onFrame);
      if (attempt.failure != null) {
        throw attempt.failure;
      }
      attempt.flush();
    }
    attempt.ended();
  }

  private Buffer outgoing() {
    return outgoing;
  }

  private void frame(SseDecoder.Frame frame) {
    decoded.clear();
    try {
      decoder.decode(frame, decoded::add);
    } catch (WireException | UpstreamStreamError e) {
      failure = e;
      return;
    }
    for (ChatEvent canonical : decoded) {
      if (canonical instanceof ChatEvent.Started started) {
        encoder.identify(started.id(), started.created(), RelayedAttempt.MODEL);
      }
      tap(canonical);
    }
    if (passthrough.isPresent()) {
      passthrough.get().relayTo(sink);
    } else {
      for (ChatEvent canonical : decoded) {
        encoder.encode(canonical, this::emit);
      }
    }
  }

  private void tap(ChatEvent event) {
    switch (event) {
      case ChatEvent.TextDelta text -> completion.append(text.text());
      case ChatEvent.ReasoningDelta reasoning -> completion.append(reasoning.text());
      case ChatEvent.ToolArgumentsDelta args -> completion.append(args.jsonFragment());
      case ChatEvent.UsageReported reported -> usage = Optional.of(reported.usage());
      default -> {
        // Nothing the bench needs.
      }
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
    sse.finishFrames(onFrame);
    decoder.finish(this::tap);
    Usage settled = usage.orElse(Usage.estimated(10, 5)).withCost(COST);
    if (passthrough.isPresent()) {
      passthrough.get().closing(settled).forEach(this::emit);
    } else {
      encoder.complete(settled, this::emit);
    }
    flush();
  }
}
