package dev.switchboard.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI Chat Completions bodies, unary and chunked, with the fields in the order the real API
 * writes them. Reasoning goes out as DeepSeek's {@code reasoning_content}.
 */
final class CompletionJson {
  private CompletionJson() {}

  static String completion(Envelope envelope, Answer answer, boolean withUsage) {
    ObjectNode root = header(envelope, "chat.completion");
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("message", message(answer));
    choice.putNull("logprobs");
    choice.put("finish_reason", answer.finishReason());
    if (withUsage) {
      root.set("usage", usage(answer.usage()));
    }
    root.put("service_tier", "default").put("system_fingerprint", "fp_sim");
    return Json.string(root);
  }

  /** One chunk with one choice; {@code usageNull} adds OpenAI's "usage":null when usage is due. */
  static String chunk(
      Envelope envelope, ObjectNode delta, @Nullable String finishReason, boolean usageNull) {
    ObjectNode root = chunkHeader(envelope);
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    if (usageNull) {
      root.putNull("usage");
    }
    return Json.string(root);
  }

  /** The chunk after the finish chunk when stream_options.include_usage is set. */
  static String usageChunk(Envelope envelope, Answer.TokenUsage usage) {
    ObjectNode root = chunkHeader(envelope);
    root.putArray("choices");
    root.set("usage", usage(usage));
    return Json.string(root);
  }

  static ObjectNode roleDelta() {
    ObjectNode delta = Json.object().put("role", "assistant").put("content", "");
    return delta.putNull("refusal");
  }

  static ObjectNode contentDelta(String text) {
    return Json.object().put("content", text);
  }

  static ObjectNode reasoningDelta(String text) {
    ObjectNode delta = Json.object().putNull("content");
    return delta.put("reasoning_content", text);
  }

  /** The first tool-call delta: id, name and empty arguments. */
  static ObjectNode toolStartDelta(Answer.ToolCall call) {
    ObjectNode toolCall =
        Json.object().put("index", 0).put("id", call.id()).put("type", "function");
    toolCall.putObject("function").put("name", call.name()).put("arguments", "");
    ObjectNode delta = Json.object();
    delta.putArray("tool_calls").add(toolCall);
    return delta;
  }

  static ObjectNode toolArgumentsDelta(String fragment) {
    ObjectNode toolCall = Json.object().put("index", 0);
    toolCall.putObject("function").put("arguments", fragment);
    ObjectNode delta = Json.object();
    delta.putArray("tool_calls").add(toolCall);
    return delta;
  }

  private static ObjectNode message(Answer answer) {
    ObjectNode message = Json.object().put("role", "assistant");
    if (answer.toolCall().isPresent()) {
      message.putNull("content");
    } else {
      message.put("content", answer.content());
    }
    if (!answer.reasoning().isEmpty()) {
      message.put("reasoning_content", answer.reasoning());
    }
    answer.toolCall().ifPresent(call -> message.set("tool_calls", toolCalls(call)));
    message.putNull("refusal");
    message.putArray("annotations");
    return message;
  }

  private static ArrayNode toolCalls(Answer.ToolCall call) {
    ArrayNode calls = Json.array();
    ObjectNode toolCall = calls.addObject().put("id", call.id()).put("type", "function");
    toolCall.putObject("function").put("name", call.name()).put("arguments", call.arguments());
    return calls;
  }

  private static ObjectNode usage(Answer.TokenUsage usage) {
    ObjectNode node = Json.object();
    node.put("prompt_tokens", usage.prompt())
        .put("completion_tokens", usage.completion())
        .put("total_tokens", usage.total());
    node.putObject("prompt_tokens_details")
        .put("cached_tokens", usage.cached())
        .put("audio_tokens", 0);
    node.putObject("completion_tokens_details")
        .put("reasoning_tokens", usage.reasoning())
        .put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0)
        .put("rejected_prediction_tokens", 0);
    return node;
  }

  private static ObjectNode header(Envelope envelope, String object) {
    return Json.object()
        .put("id", envelope.id())
        .put("object", object)
        .put("created", envelope.created())
        .put("model", envelope.model());
  }

  private static ObjectNode chunkHeader(Envelope envelope) {
    return header(envelope, "chat.completion.chunk")
        .put("service_tier", "default")
        .put("system_fingerprint", "fp_sim");
  }
}
