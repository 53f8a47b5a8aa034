package dev.switchboard.wire;

import java.util.List;
import java.util.Optional;

/**
 * Same-format relaying: the upstream's events go to the client unchanged except for the usage,
 * which the gateway replaces with its settled figures (cost included), and the end marker, which it
 * writes itself once the request is settled.
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

  Role roleOf(SseEvent event);

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

    /** The provider's body with its usage replaced by the settled one. */
    byte[] withUsage(Usage settled);
  }
}
