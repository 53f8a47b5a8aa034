package dev.switchboard.wire.openai;

import dev.switchboard.wire.AuthScheme;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.OutgoingBody;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.RoutingHints;
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
 * OpenAI Chat Completions, the format of OpenAI and of every OpenAI-compatible provider (DeepSeek,
 * Kimi, GLM, Qwen, MiniMax, vLLM, Ollama). Requests from OpenAI clients pass upstream unchanged but
 * for the model name, the usage opt-in and the fields addressed to the gateway itself.
 */
public final class OpenAiFormat implements WireFormat {
  public static final String NAME = "openai";
  static final String PATH = "/chat/completions";

  private static final Passthrough PASSTHROUGH = new OpenAiPassthrough();

  private final RequestLimits limits;

  /** With the {@link RequestLimits#DEFAULTS}. */
  public OpenAiFormat() {
    this(RequestLimits.DEFAULTS);
  }

  public OpenAiFormat(RequestLimits limits) {
    this.limits = limits;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** OpenAI's path, and OpenRouter's. */
  @Override
  public List<String> chatPaths() {
    return List.of("/v1/chat/completions", "/api/v1/chat/completions");
  }

  @Override
  public ChatRequest parseRequest(IngressRequest request) throws WireException {
    return OpenAiRequestParser.parse(request, limits);
  }

  @Override
  public byte[] encodeResponse(ChatResponse response) {
    return OpenAiResponseCodec.encode(response);
  }

  /** With OpenRouter's top-level {@code provider} field. */
  @Override
  public byte[] encodeResponse(ChatResponse response, String provider) {
    return OpenAiResponseCodec.encode(response, provider);
  }

  /** Its chunks carry OpenRouter's {@code provider} field once {@code servedBy} names one. */
  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request) {
    return new OpenAiStreamEncoder(request.model());
  }

  @Override
  public ErrorBody encodeError(GatewayError error) {
    return OpenAiErrors.encode(error);
  }

  @Override
  public UpstreamCall encodeRequest(ChatRequest request, UpstreamTarget target)
      throws WireException {
    OutgoingBody body;
    List<String> dropped = List.of();
    if (NAME.equals(request.source().format())) {
      body = OutgoingBody.relaying(request.source()).remove(RoutingHints.GATEWAY_FIELDS);
    } else {
      OpenAiRequestWriter writer = new OpenAiRequestWriter();
      body = OutgoingBody.of(writer.write(request));
      dropped = writer.dropped();
    }
    body.put("model", target.upstreamModel());
    OpenAiOutputCap.apply(body, target);
    if (request.stream()) {
      body.put("stream", true);
      // Without this opt-in OpenAI-compatible providers send no usage in streams.
      body.object("stream_options").put("include_usage", true);
    }
    Map<String, String> headers = UpstreamCall.jsonHeaders(request.stream());
    return new UpstreamCall(
        PATH, headers, body.bytes(), AuthScheme.BEARER, request.stream(), dropped);
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) throws WireException {
    return OpenAiResponseCodec.decode(body);
  }

  @Override
  public StreamDecoder newStreamDecoder(ChatRequest request) {
    return new OpenAiStreamDecoder();
  }

  @Override
  public UpstreamFailure decodeFailure(
      int status, Optional<Duration> retryAfter, Map<String, String> headers, byte[] body) {
    return OpenAiErrors.decodeFailure(status, retryAfter, body);
  }

  @Override
  public Passthrough passthrough() {
    return PASSTHROUGH;
  }
}
