package dev.switchboard.wire;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Same-format relaying: the upstream's events go to the client unchanged except for the usage,
 * which the gateway replaces with its settled figures (cost included), the end of the stream, which
 * it writes itself once the request is settled, and the identity fields (id, creation time, model),
 * which name the catalog's model and stay the same in every event of a stream.
 */
public interface Passthrough {
  /**
   * Opens the relay of one upstream stream (one attempt) whose events must all name {@code model}.
   */
  Stream open(ChatRequest request, String model);

  /**
   * As {@link #open(ChatRequest, String)}, for an attempt at the provider with the display name
   * {@code provider}: a format whose events carry OpenRouter's {@code provider} field (OpenAI's)
   * names it in every relayed event; the others ignore it.
   */
  default Stream open(ChatRequest request, String model, String provider) {
    return open(request, model);
  }

  /**
   * A format's passthrough: {@code open} starts the relay of a stream naming the given model; a
   * non-streamed body is read by {@link RelayedBody} with the format's decoder and settler.
   */
  static Passthrough of(
      Function<String, Stream> open, RelayedBody.Decoder decoder, RelayedBody.Settler settler) {
    return new Passthrough() {
      @Override
      public Stream open(ChatRequest request, String model) {
        return open.apply(model);
      }

      @Override
      public UnaryBody readBody(byte[] body) throws WireException {
        return RelayedBody.read(body, decoder, settler);
      }
    };
  }

  /**
   * One upstream stream relayed: decodes each event for the gateway's tap and gives it back as the
   * client must see it, holding back what carries the usage or ends the stream. Single-threaded,
   * one per attempt; holds its own state.
   */
  interface Stream extends StreamDecoder {
    /**
     * The event last decoded as the client must see it (its identity fields rewritten where they
     * differ), or empty when it is held back for {@link #closing}.
     */
    Optional<SseEvent> relayed();

    /**
     * Writes the event last decoded as the client must see it, as its SSE frame, unless it is held
     * back for {@link #closing}; returns whether it wrote. Call it right after {@code decode}, in
     * the SSE decoder's callback: a format relaying bytes writes straight from the provider's.
     */
    default boolean relayTo(ByteSink client) {
      Optional<SseEvent> event = relayed();
      event.ifPresent(client::frame);
      return event.isPresent();
    }

    /**
     * The events that end the client's stream: what was held back, amended with the settled usage.
     */
    List<SseEvent> closing(Usage settled);
  }

  /** Reads a non-streamed upstream body once, for both its canonical form and the relayed bytes. */
  UnaryBody readBody(byte[] body) throws WireException;

  /** A non-streamed upstream body, parsed once. */
  interface UnaryBody {
    ChatResponse response();

    /** The provider's body naming {@code model}, with its usage replaced by the settled one. */
    byte[] answer(Usage settled, String model);

    /**
     * As {@link #answer(Usage, String)}, also naming the provider (its display name) where the
     * client's format has OpenRouter's {@code provider} field.
     */
    default byte[] answer(Usage settled, String model, String provider) {
      return answer(settled, model);
    }

    /**
     * An answer decoded from another format, re-encoded in the client's format once settled: the
     * body of a non-streamed request that crossed formats.
     */
    static UnaryBody translated(ChatResponse response, WireFormat client) {
      return translated(response, client, null);
    }

    /**
     * As {@link #translated(ChatResponse, WireFormat)}, encoded for the client's {@code request}
     * (see {@link WireFormat#encodeResponse(ChatResponse, String, ChatRequest)}).
     */
    static UnaryBody translated(
        ChatResponse response, WireFormat client, @Nullable ChatRequest request) {
      return new UnaryBody() {
        @Override
        public ChatResponse response() {
          return response;
        }

        @Override
        public byte[] answer(Usage settled, String model) {
          return client.encodeResponse(response.settled(model, settled));
        }

        @Override
        public byte[] answer(Usage settled, String model, String provider) {
          ChatResponse answer = response.settled(model, settled);
          return request == null
              ? client.encodeResponse(answer, provider)
              : client.encodeResponse(answer, provider, request);
        }
      };
    }
  }
}
