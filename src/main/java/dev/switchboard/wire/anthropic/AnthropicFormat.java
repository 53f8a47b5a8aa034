package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.AuthScheme;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.ListedModel;
import dev.switchboard.wire.ModelListing;
import dev.switchboard.wire.OutgoingBody;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.TokenCounting;
import dev.switchboard.wire.UpstreamCall;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Anthropic Messages, the format of Claude (and of Claude Code and the Anthropic SDKs as clients).
 * A request from an Anthropic client passes upstream as the client wrote it, model name aside, with
 * its anthropic-* headers; a request of another format is rebuilt, and given cache breakpoints on
 * its stable prefix unless its client placed some ({@link AnthropicCacheBreakpoints}).
 */
public final class AnthropicFormat implements WireFormat, ModelListing, TokenCounting {
  public static final String NAME = "anthropic";

  /** Relative to a base URL that ends with /v1. */
  static final String PATH = "/messages";

  static final String VERSION = "2023-06-01";

  /** OpenRouter's routing fields a client may send us: read by the gateway, never forwarded. */
  private static final List<String> ROUTING_FIELDS =
      List.of("models", "fallbacks", "provider", "auto");

  private static final Passthrough PASSTHROUGH =
      Passthrough.of(
          AnthropicRelayedStream::new,
          AnthropicResponseCodec::decode,
          AnthropicRelayedStream::settle);

  private final RequestLimits limits;

  /** With the {@link RequestLimits#DEFAULTS}. */
  public AnthropicFormat() {
    this(RequestLimits.DEFAULTS);
  }

  public AnthropicFormat(RequestLimits limits) {
    this.limits = limits;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Claude Code calls /v1/messages?beta=true; the edge routes on the path alone. */
  @Override
  public List<String> chatPaths() {
    return List.of("/v1/messages");
  }

  @Override
  public ChatRequest parseRequest(IngressRequest request) throws WireException {
    return AnthropicRequestParser.parse(request, limits);
  }

  @Override
  public List<String> countTokensPaths() {
    return List.of("/v1/messages/count_tokens");
  }

  @Override
  public ChatRequest parseCountRequest(IngressRequest request) throws WireException {
    return AnthropicRequestParser.parse(request, limits, false);
  }

  @Override
  public byte[] encodeTokenCount(long inputTokens) {
    return Json.bytes(Json.object().put("input_tokens", inputTokens));
  }

  /** Anthropic's clients (Claude Code's model discovery) always send anthropic-version. */
  @Override
  public boolean recognizes(Map<String, String> headers) {
    return headers.containsKey("anthropic-version");
  }

  @Override
  public byte[] encodeModelList(List<ListedModel> models) {
    return AnthropicModelList.encode(models);
  }

  @Override
  public byte[] encodeResponse(ChatResponse response) {
    return AnthropicResponseCodec.encode(response);
  }

  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request) {
    return new AnthropicStreamEncoder(request.model());
  }

  @Override
  public ErrorBody encodeError(GatewayError error) {
    return AnthropicErrors.encode(error);
  }

  @Override
  public UpstreamCall encodeRequest(ChatRequest request, UpstreamTarget target)
      throws WireException {
    OutgoingBody body;
    List<String> dropped = List.of();
    Map<String, String> headers = new LinkedHashMap<>();
    if (NAME.equals(request.source().format())) {
      // OpenRouter's routing fields were the gateway's to read; Anthropic would reject them.
      body = OutgoingBody.relaying(request.source()).remove(ROUTING_FIELDS);
      headers.putAll(request.source().headers());
    } else {
      AnthropicRequestWriter writer = new AnthropicRequestWriter();
      ObjectNode written = writer.write(request);
      dropped = writer.dropped();
      // Cache breakpoints on the stable prefix, unless the client placed its own or they are off.
      if (target.cacheBreakpoints() && !AnthropicCacheBreakpoints.clientPlacedAny(request)) {
        AnthropicCacheBreakpoints.place(written);
      }
      body = OutgoingBody.of(written);
    }
    body.put("model", target.upstreamModel());
    AnthropicOutputCap.apply(body, target);
    if (request.stream()) {
      body.put("stream", true);
    }
    headers.putIfAbsent("anthropic-version", VERSION);
    headers.putAll(UpstreamCall.jsonHeaders(request.stream()));
    return new UpstreamCall(
        PATH, headers, body.bytes(), AuthScheme.X_API_KEY, request.stream(), dropped);
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) throws WireException {
    return AnthropicResponseCodec.decode(body);
  }

  @Override
  public StreamDecoder newStreamDecoder(ChatRequest request) {
    return new AnthropicStreamDecoder();
  }

  @Override
  public UpstreamFailure decodeFailure(
      int status, Optional<Duration> retryAfter, Map<String, String> headers, byte[] body) {
    return AnthropicErrors.decodeFailure(status, retryAfter, headers, body);
  }

  @Override
  public Passthrough passthrough() {
    return PASSTHROUGH;
  }
}
