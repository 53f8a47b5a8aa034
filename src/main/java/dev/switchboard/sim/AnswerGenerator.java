package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
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

  static Answer answer(SimRequest request, SplittableRandom random, int promptTokens, int cached) {
    int budget = request.maxTokens().orElse(Integer.MAX_VALUE);
    String reasoning =
        request.reasoning()
            ? TextGenerator.reasoning(random, between(random, MIN_REASONING, MAX_REASONING))
            : "";
    if (Tokenizer.count(reasoning) >= budget) {
      // As with OpenAI's reasoning models, a budget spent on thinking leaves nothing visible.
      String cut = Tokenizer.truncate(reasoning, budget);
      return new Answer(cut, "", Optional.empty(), "length", usage(promptTokens, cached, cut, ""));
    }
    Answer.TokenUsage base = usage(promptTokens, cached, reasoning, "");
    return switch (TurnPlanner.plan(request)) {
      case Turn.Call call -> {
        Answer.ToolCall toolCall = toolCall(call.function(), random);
        Answer.TokenUsage usage = usage(promptTokens, cached, reasoning, toolCall.arguments());
        yield new Answer(reasoning, "", Optional.of(toolCall), "tool_calls", usage);
      }
      case Turn.Structured structured ->
          visible(
              base,
              reasoning,
              AsciiJson.of(SchemaSampler.sample(structured.schema(), random)),
              budget);
      case Turn.Reply reply -> {
        int length = between(random, MIN_CONTENT, MAX_CONTENT);
        String text =
            reply
                .after()
                .map(result -> TextGenerator.afterToolResult(random, result, length))
                .orElseGet(() -> TextGenerator.prose(random, length));
        yield visible(base, reasoning, text, budget);
      }
    };
  }

  /** A text or JSON answer, cut at the token budget left after reasoning. */
  private static Answer visible(
      Answer.TokenUsage base, String reasoning, String content, int budget) {
    int room = budget - base.reasoning();
    String finishReason = "stop";
    String shown = content;
    if (Tokenizer.count(content) > room) {
      shown = Tokenizer.truncate(content, room);
      finishReason = "length";
    }
    Answer.TokenUsage usage = usage(base.prompt(), base.cached(), reasoning, shown);
    return new Answer(reasoning, shown, Optional.empty(), finishReason, usage);
  }

  private static Answer.ToolCall toolCall(JsonNode function, SplittableRandom random) {
    String id = ToolArguments.callId(random);
    String arguments = ToolArguments.of(function, random);
    return new Answer.ToolCall(id, function.path("name").asText(), arguments);
  }

  private static Answer.TokenUsage usage(int prompt, int cached, String reasoning, String visible) {
    int reasoningTokens = Tokenizer.count(reasoning);
    int completion = reasoningTokens + Tokenizer.count(visible);
    return new Answer.TokenUsage(prompt, completion, cached, reasoningTokens);
  }

  private static int between(SplittableRandom random, int min, int max) {
    return min + random.nextInt(max - min + 1);
  }
}
