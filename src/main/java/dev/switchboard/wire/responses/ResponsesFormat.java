package dev.switchboard.wire.responses;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.UpstreamCall;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAI Responses API, the dialect of Codex and of the newer OpenAI SDKs. Stateless: the
 * client sends the whole conversation each time ({@code store: true} and {@code
 * previous_response_id} are refused). Freeform tools reach providers wrapped as functions and come
 * back to the client as {@code custom_tool_call} items with their raw input.
 */
public final class ResponsesFormat implements WireFormat {
  public static final String NAME = "responses";

  private final RequestLimits limits;

  /** With the {@link RequestLimits#DEFAULTS}. */
  public ResponsesFormat() {
    this(RequestLimits.DEFAULTS);
  }

  public ResponsesFormat(RequestLimits limits) {
    this.limits = limits;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** OpenAI's path, and OpenRouter's. */
  @Override
  public List<String> chatPaths() {
    return List.of("/v1/responses", "/api/v1/responses");
  }

  @Override
  public ChatRequest parseRequest(IngressRequest request) throws WireException {
    throw new WireException("the Responses API is not served yet", "input", null);
  }

  @Override
  public byte[] encodeResponse(ChatResponse response) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public ErrorBody encodeError(GatewayError error) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public UpstreamCall encodeRequest(ChatRequest request, UpstreamTarget target)
      throws WireException {
    throw new WireException("not yet", "input", null);
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) throws WireException {
    throw new WireException("not yet");
  }

  @Override
  public StreamDecoder newStreamDecoder(ChatRequest request) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public UpstreamFailure decodeFailure(
      int status, Optional<Duration> retryAfter, Map<String, String> headers, byte[] body) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Passthrough passthrough() {
    throw new UnsupportedOperationException("not yet");
  }
}
