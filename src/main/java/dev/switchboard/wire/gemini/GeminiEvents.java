package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.UpstreamStreamError;
import java.util.function.Consumer;

/**
 * Turns Gemini responses (one whole answer, or the chunks of a stream in order) into canonical
 * events, numbering content blocks: a run of thought parts is a reasoning block, a run of text a
 * text block, each functionCall a block of its own. Only the candidate of index 0 is translated.
 *
 * <p>Signatures: Gemini puts {@code thoughtSignature} on the part that follows the thinking (the
 * first answer text or functionCall), or on a thought part. Canonically a signature closes a
 * reasoning block, as Anthropic's does: it goes to the open reasoning block, or to a reasoning
 * block of its own (no text) just before the part that carried it. Writers put it back on the part
 * after the reasoning. One per stream; not thread-safe.
 */
final class GeminiEvents {
  private enum Kind {
    NONE,
    REASONING,
    TEXT,
    TOOL
  }

  private int block = -1;
  private Kind open = Kind.NONE;
  private boolean signed;
  private boolean calledTools;
  private boolean started;
  private boolean finished;
  private int calls;
  private String callPrefix = "call_";

  boolean started() {
    return started;
  }

  boolean finished() {
    return finished;
  }

  /** One GenerateContentResponse; an {"error":...} object in its place is an upstream failure. */
  void accept(JsonNode response, Consumer<ChatEvent> out) throws UpstreamStreamError {
    JsonNode error = response.path("error");
    if (error.isObject()) {
      throw new UpstreamStreamError(GeminiErrors.streamFailure(error));
    }
    if (!started) {
      started = true;
      String id = response.path("responseId").asText("");
      callPrefix = "call_" + (id.isEmpty() ? "" : id.replaceAll("[^A-Za-z0-9_-]", "") + "_");
      out.accept(new ChatEvent.Started(id, 0, response.path("modelVersion").asText("")));
    }
    JsonNode candidate = firstCandidate(response.path("candidates"));
    for (JsonNode part : candidate.path("content").path("parts")) {
      part(part, out);
    }
    GeminiUsage.decode(response.path("usageMetadata"))
        .ifPresent(usage -> out.accept(new ChatEvent.UsageReported(usage)));
    if (finished) {
      return;
    }
    String reason = candidate.path("finishReason").asText("");
    String blocked = response.path("promptFeedback").path("blockReason").asText("");
    if (!reason.isEmpty()) {
      finished = true;
      out.accept(new ChatEvent.Finished(GeminiFinishReasons.decode(reason, calledTools)));
    } else if (!blocked.isEmpty() && candidate.isMissingNode()) {
      // The prompt itself was refused: no candidate at all, a filter's verdict, never a stop.
      finished = true;
      out.accept(new ChatEvent.Finished(Finish.of(FinishReason.CONTENT_FILTER, blocked)));
    }
  }

  private static JsonNode firstCandidate(JsonNode candidates) {
    for (JsonNode candidate : candidates) {
      if (candidate.path("index").asInt(0) == 0) {
        return candidate;
      }
    }
    return MissingNode.getInstance();
  }

  private void part(JsonNode part, Consumer<ChatEvent> out) {
    String signature = GeminiSignatures.of(part);
    boolean thought = part.path("thought").asBoolean(false);
    if (thought) {
      String text = part.path("text").asText("");
      if (!text.isEmpty() || !signature.isEmpty()) {
        if (open != Kind.REASONING || signed) {
          next(Kind.REASONING);
        }
        if (!text.isEmpty()) {
          out.accept(new ChatEvent.ReasoningDelta(block, text));
        }
        sign(signature, out);
      }
      return;
    }
    if (!signature.isEmpty()) {
      if (open != Kind.REASONING || signed) {
        next(Kind.REASONING);
      }
      sign(signature, out);
    }
    JsonNode call = GeminiFields.get(part, "functionCall");
    if (call.isObject()) {
      next(Kind.TOOL);
      calledTools = true;
      String id = call.path("id").asText("");
      out.accept(
          new ChatEvent.ToolCallStarted(
              block, id.isEmpty() ? callPrefix + calls : id, call.path("name").asText("")));
      calls++;
      JsonNode args = call.path("args");
      out.accept(
          new ChatEvent.ToolArgumentsDelta(block, args.isObject() ? Json.string(args) : "{}"));
      return;
    }
    String text = part.path("text").asText("");
    if (!text.isEmpty()) {
      if (open != Kind.TEXT) {
        next(Kind.TEXT);
      }
      out.accept(new ChatEvent.TextDelta(block, text));
    }
  }

  private void sign(String signature, Consumer<ChatEvent> out) {
    if (!signature.isEmpty()) {
      out.accept(new ChatEvent.ReasoningSignature(block, signature));
      signed = true;
    }
  }

  private void next(Kind kind) {
    block++;
    open = kind;
    signed = false;
  }
}
