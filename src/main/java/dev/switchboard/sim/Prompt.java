package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request's prompt as a provider caches it: segments in cache order (tools, system, turns), each
 * with the text that identifies it and its tokens, plus per-request framing tokens. {@code caching}
 * says how the provider caches: automatically at every segment boundary (OpenAI, Gemini implicit)
 * or only at the breakpoints the request marks (Anthropic {@code cache_control}).
 */
record Prompt(List<Segment> segments, int framing, Caching caching) {

  Prompt {
    segments = List.copyOf(segments);
  }

  /** One cacheable unit; {@code breakpoint} is the TTL of a cache mark on it, if any. */
  record Segment(String identity, int tokens, Optional<Duration> breakpoint) {
    static Segment of(String identity, int tokens) {
      return new Segment(identity, tokens, Optional.empty());
    }
  }

  /** How a provider decides what to cache. */
  sealed interface Caching {
    /**
     * Every prefix short of the whole prompt is looked up and stored; a hit of at least {@code
     * minTokens} is reported rounded down to a multiple of {@code granularity}.
     */
    record Automatic(int minTokens, int granularity) implements Caching {}

    /** Only prefixes that end at a breakpoint and hold at least {@code minTokens} are stored. */
    record Explicit(int minTokens) implements Caching {}
  }

  /** OpenAI's automatic caching: 1024 tokens at least, in steps of 128. */
  static final Caching OPENAI = new Caching.Automatic(1024, 128);

  /** OpenAI chat accounting: 3 tokens per request, 4 per message plus its text. */
  static Prompt ofChatMessages(List<JsonNode> messages) {
    List<Segment> segments = new ArrayList<>();
    for (JsonNode message : messages) {
      segments.add(Segment.of(Json.string(message), Tokenizer.messageTokens(message)));
    }
    return new Prompt(segments, Tokenizer.PER_REQUEST, OPENAI);
  }

  /** Every token of the prompt: framing and all segments, cached or not. */
  int tokens() {
    int total = framing;
    for (Segment segment : segments) {
      total += segment.tokens();
    }
    return total;
  }
}
