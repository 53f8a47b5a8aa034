package dev.switchboard.wire;

/**
 * One wire format (OpenAI chat, later Anthropic messages and Gemini) in both directions. Stateless
 * and thread-safe; per-stream state lives in the decoders and encoders it creates.
 */
public interface WireFormat {
  /** "openai", "anthropic", "gemini": the name catalog entries use. */
  String name();

  /**
   * The paths clients send chat requests to in this format, as Vert.x route paths ({@code :name}
   * matches one segment); a format that takes the model or the stream choice from the path parses
   * it from the request's path itself.
   */
  java.util.List<String> chatPaths();

  // Client side: what Switchboard accepts and answers in this format.
  ChatRequest parseRequest(byte[] body) throws WireException;

  byte[] encodeResponse(ChatResponse response);

  StreamEncoder newStreamEncoder(ChatRequest request);

  ErrorBody encodeError(GatewayError error);

  // Upstream side: how Switchboard calls a provider that speaks this format.
  UpstreamCall encodeRequest(ChatRequest request, UpstreamTarget target);

  ChatResponse decodeResponse(byte[] body) throws WireException;

  StreamDecoder newStreamDecoder(ChatRequest request);

  UpstreamFailure decodeFailure(
      int status, java.util.Optional<java.time.Duration> retryAfter, byte[] body);

  /** Same-format relaying for this format. */
  Passthrough passthrough();
}
