package dev.switchboard.wire;

import java.util.List;

/**
 * Optional for a format whose clients can ask how many input tokens a request would use
 * (Anthropic's count_tokens) before sending it.
 */
public interface TokenCounting {
  /** Where clients ask (Vert.x route paths). */
  List<String> countTokensPaths();

  /** The request to count; unlike a chat request it needs no output limit. */
  ChatRequest parseCountRequest(IngressRequest request) throws WireException;

  byte[] encodeTokenCount(long inputTokens);
}
