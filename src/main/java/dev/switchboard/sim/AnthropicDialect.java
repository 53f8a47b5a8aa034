package dev.switchboard.sim;

import dev.switchboard.wire.Json;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Anthropic Messages: a key in {@code x-api-key} and an {@code anthropic-version} header are
 * required, as the real API requires them; ids read {@code msg_01...}.
 */
final class AnthropicDialect implements Dialect {
  static final AnthropicDialect INSTANCE = new AnthropicDialect();

  private AnthropicDialect() {}

  @Override
  public SimRequest parse(HttpServerRequest request, SimRoute route, String body)
      throws SimRejection {
    String key = request.getHeader("x-api-key");
    if (key == null || key.isBlank()) {
      throw new SimRejection(
          new SimError(401, "x-api-key header is required", "authentication_error", null, null));
    }
    String version = request.getHeader("anthropic-version");
    if (version == null || version.isBlank()) {
      throw new SimRejection(
          SimError.badRequest("anthropic-version: header is required", null, null));
    }
    return AnthropicRequest.parse(body, request.getHeader("x-sim-fault"), route.countTokens());
  }

  @Override
  public Envelope envelope(SimRequest request, SplittableRandom ids, long created) {
    return new Envelope("msg_01" + ToolArguments.alphanumerics(ids, 22), created, request.model());
  }

  @Override
  public String tokenCount(SimRequest request) {
    return Json.string(Json.object().put("input_tokens", request.prompt().tokens()));
  }

  @Override
  public String errorBody(SimError error) {
    return AnthropicJson.error(error);
  }

  /** Anthropic tells clients whether a retry can help; the SDKs obey it over the status. */
  @Override
  public Map<String, String> errorHeaders(SimError error) {
    int status = error.status();
    boolean retry = status == 408 || status == 409 || status == 429 || status >= 500;
    return Map.of("x-should-retry", Boolean.toString(retry));
  }

  @Override
  public SimError statusError(int status) {
    return AnthropicJson.statusError(status);
  }

  @Override
  public SimError contextLength(SimRequest request) {
    return SimError.badRequest(
        "prompt is too long: " + (200_000 + request.prompt().tokens()) + " tokens > 200000 maximum",
        null,
        null);
  }

  @Override
  public SimError contentPolicy() {
    return SimError.badRequest("Output blocked by content filtering policy", null, null);
  }

  @Override
  public String unary(Envelope envelope, Answer answer, SimRequest request, boolean withUsage) {
    return AnthropicJson.message(envelope, answer, withUsage);
  }

  @Override
  public List<SseStep> stream(
      Envelope envelope, Answer answer, SimRequest request, SplittableRandom random) {
    return AnthropicEvents.of(envelope, answer, request, random);
  }
}
