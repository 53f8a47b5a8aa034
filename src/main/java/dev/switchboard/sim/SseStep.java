package dev.switchboard.sim;

/**
 * One thing the stream writer does, in order. A script of steps is built up front for a whole
 * answer, so the writer stays dumb: it only paces and writes.
 */
sealed interface SseStep {
  /** Writes {@code frame} as is (one whole SSE event); {@code tokens} is what pacing charges. */
  record Send(String frame, int tokens) implements SseStep {}

  /** Ends the HTTP response cleanly. */
  record End() implements SseStep {}

  /** Closes the TCP connection under the response. */
  record Close() implements SseStep {}

  /** Does nothing more; the connection stays open until the client leaves. */
  record Stall() implements SseStep {}

  /** A data-only event, as OpenAI and Gemini stream. */
  static Send data(String data, int tokens) {
    return new Send("data: " + data + "\n\n", tokens);
  }

  /** A named event, as Anthropic streams: {@code event: <name>} then its data. */
  static Send event(String name, String data, int tokens) {
    return new Send("event: " + name + "\ndata: " + data + "\n\n", tokens);
  }
}
