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

  /** A non-streamed upstream body with its usage replaced by the settled one. */
  byte[] withUsage(byte[] body, Usage settled) throws WireException;
}
