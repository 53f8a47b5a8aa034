package dev.switchboard.wire.gemini;

import dev.switchboard.wire.AuthScheme;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.OutgoingBody;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.UpstreamCall;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Google's Gemini API (generateContent, streamGenerateContent?alt=sse), key in x-goog-api-key. The
 * model and the stream choice live in the path, not the body. Requests from Gemini clients pass
 * upstream unchanged (the body names no model); others are rebuilt from the canonical model.
 */
public final class GeminiFormat implements WireFormat {
  public static final String NAME = "gemini";

  private static final Passthrough PASSTHROUGH =
      Passthrough.of(
          GeminiRelayedStream::new, GeminiResponseCodec::decode, GeminiRelayedStream::settle);

  private final RequestLimits limits;

  /** With the {@link RequestLimits#DEFAULTS}. */
  public GeminiFormat() {
    this(RequestLimits.DEFAULTS);
  }

  public GeminiFormat(RequestLimits limits) {
    this.limits = limits;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * One segment for a plain or percent-encoded model ({@code gemini-2.5-flash:generateContent},
   * {@code google%2Fgemini-2.5-flash:generateContent}); two for a catalog id as the Google SDKs
   * send it ({@code google/gemini-2.5-flash:generateContent}).
   */
  @Override
  public List<String> chatPaths() {
    return List.of(GeminiPath.PREFIX + ":action", GeminiPath.PREFIX + ":author/:action");
  }

  @Override
  public ChatRequest parseRequest(IngressRequest request) throws WireException {
    return GeminiRequestParser.parse(request, limits);
  }

  @Override
  public byte[] encodeResponse(ChatResponse response) {
    return GeminiResponseCodec.encode(response);
  }

  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request) {
    return new GeminiStreamEncoder(request.model());
  }

  @Override
  public ErrorBody encodeError(GatewayError error) {
    return GeminiErrors.encode(error);
  }

  @Override
  public UpstreamCall encodeRequest(ChatRequest request, UpstreamTarget target)
      throws WireException {
    OutgoingBody body;
    List<String> dropped = List.of();
    if (NAME.equals(request.source().format())) {
      body = OutgoingBody.relaying(request.source());
    } else {
      GeminiRequestWriter writer = new GeminiRequestWriter();
      body = OutgoingBody.of(writer.write(request, target.upstreamModel()));
      dropped = writer.dropped();
    }
    GeminiOutputCap.apply(body, target);
    // The model is a path segment; a name with a slash stays one segment.
    String model = URLEncoder.encode(target.upstreamModel(), StandardCharsets.UTF_8);
    String path =
        "/models/"
            + model
            + (request.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent");
    Map<String, String> headers = UpstreamCall.jsonHeaders(request.stream());
    return new UpstreamCall(
        path, headers, body.bytes(), AuthScheme.X_GOOG_API_KEY, request.stream(), dropped);
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) throws WireException {
    return GeminiResponseCodec.decode(body);
  }

  @Override
  public StreamDecoder newStreamDecoder(ChatRequest request) {
    return new GeminiStreamDecoder();
  }

  @Override
  public UpstreamFailure decodeFailure(
      int status, Optional<Duration> retryAfter, Map<String, String> headers, byte[] body) {
    return GeminiErrors.decodeFailure(status, retryAfter, body);
  }

  @Override
  public Passthrough passthrough() {
    return PASSTHROUGH;
  }
}
