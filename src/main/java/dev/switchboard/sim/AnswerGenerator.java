package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Composes the deterministic answer to a request: the same seed, model and messages always give the
 * same reasoning, text, JSON or tool call ({@link TurnPlanner} decides which). Completion tokens
 * are the exact o200k count of what is generated (reasoning + content + tool arguments), capped by
 * the request's max tokens.
 */
final class AnswerGenerator {
  private static final int MIN_CONTENT = 20;
  private static final int MAX_CONTENT = 120;
  private static final int MIN_REASONING = 16;
  private static final int MAX_REASONING = 64;

  private AnswerGenerator() {}

  /** The random source of this request's answer, mixing the sim's seed with model and messages. */
  static SplittableRandom randomFor(long seed, SimRequest request) {
    long h = Fingerprint.of(request.baseModel());
    for (JsonNode message : request.messages()) {
      h = Fingerprint.extend(h, Json.string(message));
    }
    return new SplittableRandom(seed ^ h);
  }

  /**
   * The answer to this request; {@code cache} is how its prompt used the provider's cache. A
   * content-filter fault cuts the answer short here, so every format reports it its own way.
   */
  static Answer answer(SimRequest request, SplittableRandom random, CacheUse cache) {
    Answer answer = compose(request, random, cache);
    return request.fault().orElse(null) instanceof Fault.ContentFilter ? answer.refused() : answer;
  }

  private static Answer compose(SimRequest request, SplittableRandom random, CacheUse cache) {
    int promptTokens = request.prompt().tokens();
    int budget = request.maxTokens().orElse(Integer.MAX_VALUE);
    String reasoning =
        request.reasoning().thinks()
            ? TextGenerator.reasoning(random, between(random, MIN_REASONING, MAX_REASONING))
            : "";
    if (Tokenizer.count(reasoning) >= budget) {
      // As with OpenAI's reasoning models, a budget spent on thinking leaves nothing visible.
      String cut = Tokenizer.truncate(reasoning, budget);
      Answer.TokenUsage usage = usage(promptTokens, cache, cut, "");
      return new Answer(cut, "", Optional.empty(), "length", Optional.empty(), usage);
    }
    Answer.TokenUsage base = usage(promptTokens, cache, reasoning, "");
    return switch (TurnPlanner.plan(request)) {
      case Turn.Call call -> {
        Answer.ToolCall toolCall = toolCall(call.function(), random);
        Answer.TokenUsage usage = usage(promptTokens, cache, reasoning, toolCall.arguments());
        yield new Answer(
            reasoning, "", Optional.of(toolCall), "tool_calls", Optional.empty(), usage);
      }
      case Turn.Echo echo -> visible(base, reasoning, echo.text(), budget, request.stop());
      case Turn.Structured structured ->
          visible(
              base,
              reasoning,
              AsciiJson.of(SchemaSampler.sample(structured.schema(), random)),
              budget,
              List.of());
      case Turn.Reply reply -> {
        int length = between(random, MIN_CONTENT, MAX_CONTENT);
        String text =
            reply
                .after()
                .map(result -> TextGenerator.afterToolResult(random, result, length))
                .orElseGet(() -> TextGenerator.prose(random, length));
        yield visible(base, reasoning, text, budget, request.stop());
      }
    };
  }

  /**
   * A text or JSON answer, cut before the first stop sequence it contains (which is not part of the
   * answer, as with every provider), else at the token budget left after reasoning.
   */
  private static Answer visible(
      Answer.TokenUsage base, String reasoning, String content, int budget, List<String> stops) {
    int room = budget - base.reasoning();
    String finishReason = "stop";
    String shown = content;
    Optional<String> stopSequence = Optional.empty();
    int at = content.length();
    for (String stop : stops) {
      int found = content.indexOf(stop);
      if (found >= 0 && found < at) {
        at = found;
        stopSequence = Optional.of(stop);
      }
    }
    shown = content.substring(0, at);
    if (Tokenizer.count(shown) > room) {
      shown = Tokenizer.truncate(shown, room);
      finishReason = "length";
      stopSequence = Optional.empty();
    }
    Answer.TokenUsage usage = usage(base.prompt(), base.cache(), reasoning, shown);
    return new Answer(reasoning, shown, Optional.empty(), finishReason, stopSequence, usage);
  }

  private static Answer.ToolCall toolCall(JsonNode function, SplittableRandom random) {
    String id = ToolArguments.callId(random);
    String arguments = ToolArguments.of(function, random);
    return new Answer.ToolCall(id, function.path("name").asText(), arguments);
  }

  private static Answer.TokenUsage usage(
      int prompt, CacheUse cache, String reasoning, String visible) {
    int reasoningTokens = Tokenizer.count(reasoning);
    int completion = reasoningTokens + Tokenizer.count(visible);
    return new Answer.TokenUsage(prompt, completion, cache, reasoningTokens);
  }

  private static int between(SplittableRandom random, int min, int max) {
    return min + random.nextInt(max - min + 1);
  }
}
