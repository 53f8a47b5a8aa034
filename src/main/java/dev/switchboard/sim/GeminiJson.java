package dev.switchboard.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Gemini generateContent bodies: one candidate of role "model" with its parts (thought parts {@code
 * {"text","thought":true}}, text, {@code functionCall}; a {@code thoughtSignature} on the first
 * part after shown thoughts), finishReason, {@code usageMetadata} (promptTokenCount includes
 * cachedContentTokenCount; candidatesTokenCount excludes thoughtsTokenCount), modelVersion and
 * responseId; and the error envelope {@code {"error":{"code","message","status"}}}.
 */
final class GeminiJson {
  private GeminiJson() {}

  /** Output counted so far: visible tokens and thought tokens. */
  record Output(int candidates, int thoughts) {}

  static String response(Envelope envelope, Answer answer, SimRequest request, boolean withUsage) {
    List<ObjectNode> parts = new ArrayList<>();
    boolean shown = request.reasoning().shown() && !answer.reasoning().isEmpty();
    if (shown) {
      parts.add(thought(answer.reasoning()));
    }
    if (!answer.content().isEmpty()) {
      parts.add(Json.object().put("text", answer.content()));
    }
    answer.toolCall().ifPresent(call -> parts.add(functionCall(call)));
    if (shown && parts.size() > 1) {
      parts.get(1).put("thoughtSignature", ThoughtSignature.of(envelope.id(), answer.reasoning()));
    }
    Answer.TokenUsage usage = answer.usage();
    Output output = new Output(usage.completion() - usage.reasoning(), usage.reasoning());
    return Json.string(
        chunk(envelope, parts, finishReason(answer), withUsage ? usage : null, output));
  }

  /** One response object: a candidate with these parts, and usage unless null. */
  static ObjectNode chunk(
      Envelope envelope,
      List<ObjectNode> parts,
      @Nullable String finishReason,
      Answer.@Nullable TokenUsage usage,
      Output output) {
    ObjectNode root = Json.object();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    ArrayNode array = content.putArray("parts");
    parts.forEach(array::add);
    content.put("role", "model");
    if (finishReason != null) {
      candidate.put("finishReason", finishReason);
      if (finishReason.equals("SAFETY")) {
        candidate
            .putArray("safetyRatings")
            .addObject()
            .put("category", "HARM_CATEGORY_DANGEROUS_CONTENT")
            .put("probability", "HIGH")
            .put("blocked", true);
      }
    }
    candidate.put("index", 0);
    if (usage != null) {
      root.set("usageMetadata", usage(usage, output));
    }
    return root.put("modelVersion", envelope.model()).put("responseId", envelope.id());
  }

  static ObjectNode thought(String text) {
    return Json.object().put("text", text).put("thought", true);
  }

  static ObjectNode functionCall(Answer.ToolCall call) {
    ObjectNode part = Json.object();
    part.putObject("functionCall").put("name", call.name()).set("args", call.argumentsObject());
    return part;
  }

  static String finishReason(Answer answer) {
    return switch (answer.finishReason()) {
      case "length" -> "MAX_TOKENS";
      case "content_filter" -> "SAFETY";
      default -> "STOP";
    };
  }

  private static ObjectNode usage(Answer.TokenUsage usage, Output output) {
    ObjectNode node = Json.object().put("promptTokenCount", usage.prompt());
    node.put("candidatesTokenCount", output.candidates());
    node.put("totalTokenCount", usage.prompt() + output.candidates() + output.thoughts());
    if (usage.cached() > 0) {
      node.put("cachedContentTokenCount", usage.cached());
    }
    if (output.thoughts() > 0) {
      node.put("thoughtsTokenCount", output.thoughts());
    }
    return node;
  }

  static String error(SimError error) {
    ObjectNode root = Json.object();
    ObjectNode body =
        root.putObject("error")
            .put("code", error.status())
            .put("message", error.message())
            .put("status", status(error.status()));
    if (error.status() == 429) {
      // Google's quota errors say when to come back as a google.rpc.RetryInfo detail.
      body.putArray("details")
          .addObject()
          .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
          .put("retryDelay", "1s");
    }
    return Json.string(root);
  }

  static String status(int code) {
    return switch (code) {
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "ABORTED";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 499 -> "CANCELLED";
      case 501 -> "UNIMPLEMENTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> code >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
    };
  }

  /** The message Gemini sends with this status, for the status-N fault. */
  static SimError statusError(int code) {
    String message =
        switch (code) {
          case 401 -> "Request had invalid authentication credentials.";
          case 403 -> "The caller does not have permission";
          case 404 -> "Requested entity was not found.";
          case 429 -> "Resource has been exhausted (e.g. check quota).";
          case 500 ->
              "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";
          case 503 -> "The model is overloaded. Please try again later.";
          case 504 -> "Deadline expired before operation could complete.";
          default -> "Simulated error " + code + ".";
        };
    return new SimError(code, message, status(code), null, null);
  }
}
