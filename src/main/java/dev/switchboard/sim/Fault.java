package dev.switchboard.sim;

import java.time.Duration;

/**
 * A misbehaviour the sim plays on purpose, after OkHttp's SocketPolicy. A request selects one with
 * the header {@code x-sim-fault: <spec>} or a model named {@code <model>+fault=<spec>}; both go
 * through {@link #parse}, so the two routes can never disagree. Every fault plays in the format of
 * the provider asked: its error bodies, its in-stream error event, its terminal events.
 */
public sealed interface Fault {

  /**
   * Answers with this HTTP status and the format's error body (Anthropic's 529 is overloaded_error,
   * Gemini's 503 UNAVAILABLE); 429, 503 and 529 add Retry-After: 1.
   */
  record Status(int code) implements Fault {
    public Status {
      if (code < 400 || code > 599) {
        throw new IllegalArgumentException("status fault needs a code within 400..599: " + code);
      }
    }
  }

  /** Closes the TCP connection without sending a byte of the response. */
  record DisconnectBeforeHeaders() implements Fault {}

  /** Streams three content chunks (or half a unary body) and then closes the connection. */
  record DisconnectMidStream() implements Fault {}

  /**
   * Sends the first stream event and then nothing, holding the connection until the client leaves.
   */
  record StallAfterFirstEvent() implements Fault {}

  /** Waits this long before the response headers instead of the configured first-token latency. */
  record SlowFirstToken(Duration latency) implements Fault {}

  /** Leaves usage out: no usage chunk even if requested, no usage object in a unary body. */
  record NoUsage() implements Fault {}

  /**
   * Ends the stream cleanly after the content with no terminal event: no finish chunk, usage or
   * [DONE] (OpenAI), no message_delta or message_stop (Anthropic), no finishReason (Gemini).
   */
  record NoTerminal() implements Fault {}

  /** Sends the event <code>data: {not json</code> after two events, then carries on normally. */
  record MalformedEvent() implements Fault {}

  /**
   * Sends the format's in-band error event after two content events (Anthropic {@code event:
   * error}), then ends the response.
   */
  record ErrorInStream() implements Fault {}

  /**
   * Cuts the answer after a few tokens as a content filter would: finish reason content_filter
   * (OpenAI), stop reason refusal (Anthropic), finish reason SAFETY (Gemini).
   */
  record ContentFilter() implements Fault {}

  /**
   * Refuses the request with the format's 400 for a prompt longer than the model's context (OpenAI
   * context_length_exceeded, Anthropic "prompt is too long", Gemini "input token count").
   */
  record ContextLength() implements Fault {}

  /**
   * Refuses the request with the format's 400 for content its policy forbids (OpenAI
   * content_policy_violation, Anthropic "content filtering policy", Gemini PROHIBITED_CONTENT).
   */
  record ContentPolicy() implements Fault {}

  /** Parses a fault spec such as {@code status-429} or {@code slow-first-token-500}. */
  static Fault parse(String spec) {
    String s = spec.trim();
    return switch (s) {
      case "disconnect-before-headers" -> new DisconnectBeforeHeaders();
      case "disconnect-mid-stream" -> new DisconnectMidStream();
      case "stall-after-first-event" -> new StallAfterFirstEvent();
      case "no-usage" -> new NoUsage();
      case "no-terminal" -> new NoTerminal();
      case "malformed-event" -> new MalformedEvent();
      case "error-in-stream" -> new ErrorInStream();
      case "content-filter" -> new ContentFilter();
      case "context-length" -> new ContextLength();
      case "content-policy" -> new ContentPolicy();
      default -> parseWithNumber(s);
    };
  }

  private static Fault parseWithNumber(String s) {
    if (s.startsWith("status-")) {
      return new Status(number(s, "status-"));
    }
    if (s.startsWith("slow-first-token-")) {
      return new SlowFirstToken(Duration.ofMillis(number(s, "slow-first-token-")));
    }
    throw new IllegalArgumentException("unknown sim fault '" + s + "'");
  }

  private static int number(String spec, String prefix) {
    try {
      int n = Integer.parseInt(spec.substring(prefix.length()));
      if (n < 0) {
        throw new IllegalArgumentException("sim fault '" + spec + "' needs a non-negative number");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "sim fault '" + spec + "' needs a number after " + prefix, e);
    }
  }
}
