package dev.switchboard.wire;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The part every format's same-format relay shares: each upstream event is decoded first, for the
 * gateway's tap, then {@link #relay} says what the client sees of it (empty while the format holds
 * it back for {@link Passthrough.Stream#closing}).
 *
 * @param <D> the format's stream decoder, whose last parsed event {@link #relay} reads
 */
public abstract class RelayedStream<D extends StreamDecoder> implements Passthrough.Stream {
  private final D decoder;
  private Optional<SseEvent> relayed = Optional.empty();

  protected RelayedStream(D decoder) {
    this.decoder = decoder;
  }

  /**
   * The event just decoded, as the client must see it, or empty when it is held back (or, like an
   * end marker, written by closing).
   */
  protected abstract Optional<SseEvent> relay(SseEvent event) throws WireException;

  protected final D decoder() {
    return decoder;
  }

  @Override
  public final void decode(SseEvent event, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    relayed = Optional.empty();
    decoder.decode(event, out);
    relayed = relay(event);
  }

  @Override
  public final void finish(Consumer<ChatEvent> out) throws StreamTruncated {
    decoder.finish(out);
  }

  @Override
  public final Optional<SseEvent> relayed() {
    return relayed;
  }
}
