package dev.switchboard.sim;

import dev.switchboard.wire.Json;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gemini generateContent and streamGenerateContent: the key in {@code x-goog-api-key} or the {@code
 * key} query parameter; streaming only as server-sent events ({@code alt=sse}), which is what every
 * SDK asks for. Answers carry the path's model as modelVersion.
 */
final class GeminiDialect implements Dialect {
  static final GeminiDialect INSTANCE = new GeminiDialect();

  private GeminiDialect() {}

  @Override
  public SimRequest parse(HttpServerRequest request, SimRoute route, String body)
      throws SimRejection {
    String key = request.getHeader("x-goog-api-key");
    if (key == null || key.isBlank()) {
      key = request.getParam("key");
    }
    if (key == null || key.isBlank()) {
      throw new SimRejection(
          new SimError(
              403,
              "Method doesn't allow unregistered callers (callers without established identity)."
                  + " Please use API Key or other form of API consumer identity to call this API.",
              "PERMISSION_DENIED",
              null,
              null));
    }
    if (route.pathStream() && !"sse".equals(request.getParam("alt"))) {
      throw new SimRejection(
          SimError.badRequest(
              "The simulator streams Gemini answers only as server-sent events: add ?alt=sse.",
              null,
              null));
    }
    String model = route.pathModel().orElse("");
    return GeminiRequest.parse(model, route.pathStream(), body, request.getHeader("x-sim-fault"));
  }

  @Override
  public Envelope envelope(SimRequest request, SplittableRandom ids, long created) {
    return new Envelope(ToolArguments.alphanumerics(ids, 22), created, request.baseModel());
  }

  @Override
  public String tokenCount(SimRequest request) {
    return Json.string(Json.object().put("totalTokens", request.prompt().tokens()));
  }

  @Override
  public String errorBody(SimError error) {
    return GeminiJson.error(error);
  }

  @Override
  public SimError statusError(int status) {
    return GeminiJson.statusError(status);
  }

  @Override
  public SimError contextLength(SimRequest request) {
    return new SimError(
        400,
        "The input token count ("
            + (1_048_576 + request.prompt().tokens())
            + ") exceeds the maximum number of tokens allowed (1048576).",
        "INVALID_ARGUMENT",
        null,
        null);
  }

  @Override
  public SimError contentPolicy() {
    return new SimError(
        400,
        "The prompt was blocked for prohibited content (PROHIBITED_CONTENT).",
        "INVALID_ARGUMENT",
        null,
        null);
  }

  @Override
  public String unary(Envelope envelope, Answer answer, SimRequest request, boolean withUsage) {
    return GeminiJson.response(envelope, answer, request, withUsage);
  }

  @Override
  public List<SseStep> stream(
      Envelope envelope, Answer answer, SimRequest request, SplittableRandom random) {
    return GeminiStream.of(envelope, answer, request, random);
  }
}
