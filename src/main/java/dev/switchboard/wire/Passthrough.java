package dev.switchboard.wire;

import java.util.List;
import java.util.Optional;

/**
 * Same-format relaying: the upstream's events go to the client unchanged except for the usage,
 * which the gateway replaces with its settled figures (cost included), the end marker, which it
 * writes itself once the request is settled, and the identity fields (id, creation time, model),
 * which name the catalog's model and stay the same in every event of a stream.
 */
public interface Passthrough {
  /** What an upstream event is to the relay. */
  enum Role {
    /** Forward as it came. */
    CONTENT,
    /** Carries the usage: hold it back until settlement. */
    USAGE,
    /** The format's end-of-stream marker: written by {@link #closing} instead. */
    END
  }

  /** Opens the relay of one upstream stream whose events must all name {@code model}. */
  Stream open(ChatRequest request, String model);

  /**
   * One upstream stream relayed: decodes each event for the gateway's tap and gives it back as the
   * client must see it. Single-threaded, one per attempt.
   */
  interface Stream extends StreamDecoder {
    /**
     * The event last decoded, rewritten only where its identity fields differ from the stream's.
     */
    SseEvent relayed();

    /** What the event last decoded is to the relay. */
    Role role();
  }

  /**
   * The closing events: the usage event (amended, or built like {@code last} when none was held)
   * and the end marker.
   */
  List<SseEvent> closing(Optional<SseEvent> heldUsage, Optional<SseEvent> last, Usage settled);

  /** Reads a non-streamed upstream body once, for both its canonical form and the relayed bytes. */
  UnaryBody readBody(byte[] body) throws WireException;

  /** A non-streamed upstream body, parsed once. */
  interface UnaryBody {
    ChatResponse response();

    /** The provider's body naming {@code model}, with its usage replaced by the settled one. */
    byte[] answer(Usage settled, String model);
  }
}
