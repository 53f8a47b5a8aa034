package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.SseSink;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.Usage;

/**
 * Writes canonical events as streamGenerateContent chunks: one chunk per text or thought piece, one
 * per function call (its arguments gathered first: Gemini sends them whole), and a last chunk with
 * the finishReason and the settled usageMetadata. Gemini streams have no end marker. A reasoning
 * signature goes on the part that follows the reasoning, as Gemini places it.
 */
final class GeminiStreamEncoder implements StreamEncoder {
  private String id = "gateway";
  private String model;
  private String pendingSignature = "";
  private int toolBlock = -1;
  private String toolId = "";
  private String toolName = "";
  private final StringBuilder toolArguments = new StringBuilder();
  private boolean calledTool;
  private Finish finish = Finish.of(FinishReason.OTHER, "");

  GeminiStreamEncoder(String model) {
    this.model = model;
  }

  @Override
  public void identify(String id, long created, String model) {
    this.id = id;
    this.model = model;
  }

  @Override
  public void encode(ChatEvent event, SseSink out) {
    switch (event) {
      case ChatEvent.TextDelta text -> {
        flushTool(out);
        emit(Json.object().put("text", text.text()), out);
      }
      case ChatEvent.ReasoningDelta reasoning -> {
        flushTool(out);
        if (!pendingSignature.isEmpty()) {
          // A new reasoning block after a signed one: the signature closes the earlier block.
          emit(Json.object().put("text", ""), out);
        }
        out.event(chunk(Json.object().put("text", reasoning.text()).put("thought", true)));
      }
      case ChatEvent.ReasoningSignature signature -> {
        flushTool(out);
        pendingSignature = signature.signature();
      }
      case ChatEvent.ToolCallStarted call -> {
        flushTool(out);
        toolBlock = call.block();
        toolId = call.id();
        toolName = call.name();
      }
      case ChatEvent.ToolArgumentsDelta args -> {
        if (args.block() == toolBlock) {
          toolArguments.append(args.jsonFragment());
        }
      }
      case ChatEvent.BlockStopped stopped -> {
        if (stopped.block() == toolBlock) {
          flushTool(out);
        }
      }
      case ChatEvent.Finished finished -> {
        flushTool(out);
        finish = finished.finish();
      }
      case ChatEvent.Started ignored -> {
        // Gemini has no opening chunk; identity comes from identify().
      }
      case ChatEvent.RedactedReasoning ignored -> {
        // Gemini cannot carry encrypted reasoning of another provider.
      }
      case ChatEvent.UsageReported ignored -> {
        // Usage goes out once, settled, in complete().
      }
    }
  }

  @Override
  public void complete(Usage usage, SseSink out) {
    flushTool(out);
    ObjectNode part = Json.object().put("text", "");
    if (!pendingSignature.isEmpty()) {
      part.put("thoughtSignature", pendingSignature);
      pendingSignature = "";
    }
    ObjectNode root = Json.object();
    ObjectNode candidate = root.putArray("candidates").addObject();
    candidate.putObject("content").put("role", "model").putArray("parts").add(part);
    candidate.put("finishReason", GeminiFinishReasons.encode(finish)).put("index", 0);
    root.set("usageMetadata", GeminiUsage.encode(usage));
    root.put("modelVersion", model).put("responseId", id);
    out.event(SseEvent.data(Json.string(root)));
  }

  @Override
  public void fail(GatewayError error, SseSink out) {
    out.event(SseEvent.data(Json.string(GeminiErrors.envelope(error))));
  }

  private void flushTool(SseSink out) {
    if (toolBlock < 0) {
      return;
    }
    ObjectNode part = Json.object();
    ObjectNode call = part.putObject("functionCall");
    if (!toolId.isEmpty()) {
      call.put("id", toolId);
    }
    call.put("name", toolName).set("args", GeminiArgs.object(toolArguments.toString()));
    if (pendingSignature.isEmpty() && !calledTool) {
      pendingSignature = GeminiSignatures.FOREIGN_FOR_CLIENTS;
    }
    calledTool = true;
    toolBlock = -1;
    toolArguments.setLength(0);
    emit(part, out);
  }

  /** A non-thought part, carrying the signature of the reasoning before it. */
  private void emit(ObjectNode part, SseSink out) {
    if (!pendingSignature.isEmpty()) {
      part.put("thoughtSignature", pendingSignature);
      pendingSignature = "";
    }
    out.event(chunk(part));
  }

  private SseEvent chunk(ObjectNode part) {
    ObjectNode root = Json.object();
    ObjectNode candidate = root.putArray("candidates").addObject();
    candidate.putObject("content").put("role", "model").putArray("parts").add(part);
    candidate.put("index", 0);
    root.put("modelVersion", model).put("responseId", id);
    return SseEvent.data(Json.string(root));
  }
}
