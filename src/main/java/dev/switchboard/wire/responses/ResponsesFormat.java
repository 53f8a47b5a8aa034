package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.AuthScheme;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
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
import java.util.OptionalLong;

/**
 * The OpenAI Responses API, the dialect of Codex and of the newer OpenAI SDKs. Stateless: the
 * client sends the whole conversation each time ({@code store: true} and {@code
 * previous_response_id} are refused). Freeform tools reach providers wrapped as functions and come
 * back to the client as {@code custom_tool_call} items with their raw input.
 */
public final class ResponsesFormat implements WireFormat {
  public static final String NAME = "responses";

  static final String PATH = "/responses";

  private static final Passthrough PASSTHROUGH = new ResponsesPassthrough();

  private final WireFormat openAi;
  private final RequestLimits limits;

  /**
   * With the {@link RequestLimits#DEFAULTS}; {@code openAi} is the OpenAI format, whose error
   * bodies (both ways) the Responses API shares (the registry hands it over: one format never
   * imports another).
   */
  public ResponsesFormat(WireFormat openAi) {
    this(openAi, RequestLimits.DEFAULTS);
  }

  public ResponsesFormat(WireFormat openAi, RequestLimits limits) {
    this.openAi = openAi;
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
    return ResponsesRequestParser.parse(request, limits);
  }

  @Override
  public byte[] encodeResponse(ChatResponse response) {
    return ResponsesResponseCodec.encode(response, null);
  }

  /** With the request: its freeform tools' calls go back as custom tool calls. */
  @Override
  public byte[] encodeResponse(ChatResponse response, String provider, ChatRequest request) {
    return ResponsesResponseCodec.encode(response, request);
  }

  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request) {
    return new ResponsesStreamEncoder(request);
  }

  /** OpenAI's error body: the Responses API shares it. */
  @Override
  public ErrorBody encodeError(GatewayError error) {
    return openAi.encodeError(error);
  }

  @Override
  public UpstreamCall encodeRequest(ChatRequest request, UpstreamTarget target)
      throws WireException {
    OutgoingBody body;
    List<String> dropped = List.of();
    if (NAME.equals(request.source().format())) {
      body = OutgoingBody.relaying(request.source()).remove(RoutingHints.GATEWAY_FIELDS);
    } else {
      ResponsesRequestWriter writer = new ResponsesRequestWriter();
      body = OutgoingBody.of(writer.write(request));
      dropped = writer.dropped();
    }
    body.put("model", target.upstreamModel());
    JsonNode own = body.path("max_output_tokens");
    target
        .maxTokens(own.canConvertToLong() ? OptionalLong.of(own.asLong()) : OptionalLong.empty())
        .ifPresent(tokens -> body.put("max_output_tokens", tokens));
    if (request.stream()) {
      body.put("stream", true);
    } else {
      body.remove("stream");
    }
    return new UpstreamCall(
        PATH,
        UpstreamCall.jsonHeaders(request.stream()),
        body.bytes(),
        AuthScheme.BEARER,
        request.stream(),
        dropped);
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) throws WireException {
    return ResponsesResponseCodec.decode(Json.tree(body));
  }

  @Override
  public StreamDecoder newStreamDecoder(ChatRequest request) {
    return new ResponsesStreamDecoder();
  }

  @Override
  public UpstreamFailure decodeFailure(
      int status, Optional<Duration> retryAfter, Map<String, String> headers, byte[] body) {
    return openAi.decodeFailure(status, retryAfter, headers, body);
  }

  @Override
  public Passthrough passthrough() {
    return PASSTHROUGH;
  }
}
