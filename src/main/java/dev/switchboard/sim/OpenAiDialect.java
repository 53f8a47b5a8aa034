package dev.switchboard.sim;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.SplittableRandom;

/** OpenAI Chat Completions: {@code Authorization: Bearer}, {@link CompletionJson} bodies. */
final class OpenAiDialect implements Dialect {
  static final OpenAiDialect INSTANCE = new OpenAiDialect();

  private OpenAiDialect() {}

  @Override
  public SimRequest parse(HttpServerRequest request, SimRoute route, String body)
      throws SimRejection {
    String authorization = request.getHeader("Authorization");
    boolean bearer =
        authorization != null
            && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            && !authorization.substring(7).isBlank();
    if (!bearer) {
      throw new SimRejection(SimError.invalidApiKey());
    }
    return OpenAiRequest.parse(body, request.getHeader("x-sim-fault"));
  }

  @Override
  public Envelope envelope(SimRequest request, SplittableRandom ids, long created) {
    return new Envelope(
        "chatcmpl-" + ToolArguments.alphanumerics(ids, 29), created, request.model());
  }

  @Override
  public String errorBody(SimError error) {
    return error.toJson();
  }

  @Override
  public SimError statusError(int status) {
    return SimError.forStatus(status);
  }

  @Override
  public SimError contextLength(SimRequest request) {
    return SimError.badRequest(
        "This model's maximum context length is 8192 tokens. However, your messages resulted in "
            + (8192 + request.prompt().tokens())
            + " tokens. Please reduce the length of the messages.",
        "messages",
        "context_length_exceeded");
  }

  @Override
  public SimError contentPolicy() {
    return SimError.badRequest(
        "Your request was rejected as a result of our safety system. Your prompt may contain text"
            + " that is not allowed by our safety system.",
        null,
        "content_policy_violation");
  }

  @Override
  public String unary(Envelope envelope, Answer answer, SimRequest request, boolean withUsage) {
    return CompletionJson.completion(envelope, answer, withUsage);
  }

  @Override
  public List<SseStep> stream(
      Envelope envelope, Answer answer, SimRequest request, SplittableRandom random) {
    return StreamScript.of(envelope, answer, request, random);
  }
}
