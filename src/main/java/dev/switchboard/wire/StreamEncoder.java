package dev.switchboard.wire;

/**
 * Writes canonical events as this format's stream for one client. One per client stream. The stream
 * ends either with {@link #complete} (after a Finished event was seen) or with {@link #fail}, an
 * in-band error: never a clean end for an answer that was cut.
 */
public interface StreamEncoder {
  /**
   * Every event written from now on carries this id, creation time (epoch seconds) and model: one
   * identity per client stream, whatever the provider's chunks said.
   */
  void identify(String id, long created, String model);

  /**
   * The display name of the provider serving this stream: a format whose events carry OpenRouter's
   * {@code provider} field (OpenAI's) names it in every event written from now on; the others
   * ignore it.
   */
  default void servedBy(String provider) {}

  void encode(ChatEvent event, SseSink out);

  /** Writes the final usage (with cost) and the format's end-of-stream marker. */
  void complete(Usage usage, SseSink out);

  void fail(GatewayError error, SseSink out);
}
