package dev.switchboard.wire;

/**
 * Same-format relaying: the upstream's bytes go to the client unchanged except for the usage,
 * which the gateway replaces with its settled figures (cost included).
 */
public interface Passthrough {
  /** True if this stream event carries the usage; the relay holds it back until settlement. */
  boolean carriesUsage(SseEvent event);

  /** The closing events: the usage event (amended, or built from {@code last} when absent) and the end marker. */
  java.util.List<SseEvent> closing(java.util.Optional<SseEvent> heldUsage, SseEvent last, Usage settled);

  /** A non-streamed upstream body with its usage replaced by the settled one. */
  byte[] withUsage(byte[] body, Usage settled) throws WireException;
}
