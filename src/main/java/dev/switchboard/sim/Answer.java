package dev.switchboard.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import java.util.Optional;

/**
 * What the simulated model says to one request, before it is put on the wire. Reasoning may be
 * empty; content is empty when the answer is a tool call. {@code finishReason} uses OpenAI's words
 * ({@code stop}, {@code length}, {@code tool_calls}, {@code content_filter}); each format maps them
 * to its own. {@code stopSequence} is the request's stop sequence that ended the text, if one did.
 */
record Answer(
    String reasoning,
    String content,
    Optional<ToolCall> toolCall,
    String finishReason,
    Optional<String> stopSequence,
    TokenUsage usage) {

  /** One function call; {@code arguments} is a JSON object as text. */
  record ToolCall(String id, String name, String arguments) {
    /** The arguments as a JSON object, for formats that send them parsed (Anthropic, Gemini). */
    ObjectNode argumentsObject() {
      try {
        return (ObjectNode) Json.tree(arguments);
      } catch (WireException | ClassCastException e) {
        throw new IllegalStateException("the sim's own tool arguments are a JSON object", e);
      }
    }
  }

  /**
   * Usage in OpenAI's semantics: prompt includes every cache read and write, completion includes
   * reasoning. Formats that count differently (Anthropic, Gemini) derive their numbers from these.
   */
  record TokenUsage(int prompt, int completion, CacheUse cache, int reasoning) {
    int total() {
      return prompt + completion;
    }

    int cached() {
      return cache.read();
    }

    /** Prompt tokens neither read from nor written to the cache (Anthropic's input_tokens). */
    int uncached() {
      return prompt - cache.read() - cache.written();
    }
  }

  /** The same answer cut off by a content filter after its first few tokens of text. */
  Answer refused() {
    String cut = Tokenizer.truncate(content, 3);
    TokenUsage cutUsage =
        new TokenUsage(
            usage.prompt(),
            usage.reasoning() + Tokenizer.count(cut),
            usage.cache(),
            usage.reasoning());
    return new Answer(
        reasoning, cut, Optional.empty(), "content_filter", Optional.empty(), cutUsage);
  }
}
