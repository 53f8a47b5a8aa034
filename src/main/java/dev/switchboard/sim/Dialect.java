package dev.switchboard.sim;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One wire format the sim answers in: how it authenticates and reads a request into the shared
 * {@link SimRequest}, and how it writes answers, streams and errors. Everything between (planning,
 * text, tool arguments, token counts, the prompt cache, pacing, faults) is shared by all formats.
 * Implementations are stateless.
 */
interface Dialect {
  /** Checks the credentials and reads the body; a bad request becomes this format's error. */
  SimRequest parse(HttpServerRequest request, SimRoute route, String body) throws SimRejection;

  /** The id, creation time and model name one answer's bodies or events share. */
  Envelope envelope(SimRequest request, SplittableRandom ids, long created);

  /**
   * The body of a token-count answer (Anthropic count_tokens, Gemini countTokens); formats without
   * one are never routed here.
   */
  default String tokenCount(SimRequest request) {
    throw new UnsupportedOperationException("no token-count endpoint in this format");
  }

  /** The JSON body of this error in this format. */
  String errorBody(SimError error);

  /** Headers that go with this error besides Retry-After (Anthropic's x-should-retry). */
  default Map<String, String> errorHeaders(SimError error) {
    return Map.of();
  }

  /** The error a real provider of this format sends with this status (the status-N fault). */
  SimError statusError(int status);

  /** The 400 this format's provider sends for a prompt beyond the context (context-length). */
  SimError contextLength(SimRequest request);

  /** The 400 this format's provider sends for content its policy refuses (content-policy). */
  SimError contentPolicy();

  /** The whole answer as one JSON body; {@code withUsage} false is the no-usage fault. */
  String unary(Envelope envelope, Answer answer, SimRequest request, boolean withUsage);

  /** The answer as a stream script, already reshaped by the request's fault. */
  List<SseStep> stream(
      Envelope envelope, Answer answer, SimRequest request, SplittableRandom random);
}
