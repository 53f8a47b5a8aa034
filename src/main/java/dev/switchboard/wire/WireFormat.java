package dev.switchboard.wire;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One wire format (OpenAI chat, Anthropic messages, Gemini) in both directions, translating to and
 * from the canonical model. Stateless and thread-safe; per-stream state lives in the decoders,
 * encoders and relays it creates, one per attempt.
 */
public interface WireFormat {
  /** "openai", "anthropic", "gemini": the name catalog entries use. */
  String name();

  /**
   * The paths clients send chat requests to in this format, as Vert.x route paths ({@code :name}
   * matches one segment); a format that takes the model or the stream choice from the path parses
   * it from the request's path itself.
   */
  List<String> chatPaths();

  // Client side: what Switchboard accepts and answers in this format.
  ChatRequest parseRequest(IngressRequest request) throws WireException;

  byte[] encodeResponse(ChatResponse response);

  /**
   * As {@link #encodeResponse(ChatResponse)}, for an answer from the provider with the display name
   * {@code provider}: a format with OpenRouter's {@code provider} field (OpenAI's) names it; the
   * others ignore it.
   */
  default byte[] encodeResponse(ChatResponse response, String provider) {
    return encodeResponse(response);
  }

  /**
   * As {@link #encodeResponse(ChatResponse, String)}, for an answer to {@code request}: a format
   * whose answer depends on what the client offered (the Responses API unwraps the calls of its
   * freeform tools) reads the request; the others ignore it.
   */
  default byte[] encodeResponse(ChatResponse response, String provider, ChatRequest request) {
    return encodeResponse(response, provider);
  }

  /** A fresh encoder for one attempt's events (or for an error before any attempt answered). */
  StreamEncoder newStreamEncoder(ChatRequest request);

  ErrorBody encodeError(GatewayError error);

  // Upstream side: how Switchboard calls a provider that speaks this format.

  /**
   * The request for one deployment. A request of another format is rebuilt from the canonical
   * model; a field that cannot be expressed is dropped only when harmless (named in {@link
   * UpstreamCall#dropped()}), otherwise refused.
   *
   * @throws WireException naming the field this format cannot carry without changing its meaning
   */
  UpstreamCall encodeRequest(ChatRequest request, UpstreamTarget target) throws WireException;

  ChatResponse decodeResponse(byte[] body) throws WireException;

  StreamDecoder newStreamDecoder(ChatRequest request);

  /**
   * An upstream error reply; {@code headers} (lower-case names) carry what some formats say about
   * retrying (Anthropic's x-should-retry).
   */
  UpstreamFailure decodeFailure(
      int status, Optional<Duration> retryAfter, Map<String, String> headers, byte[] body);

  /** Same-format relaying for this format. */
  Passthrough passthrough();
}
