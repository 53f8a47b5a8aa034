package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Non-streamed GenerateContentResponse bodies to and from the canonical ChatResponse. Decoding runs
 * the same event translation as the stream, so both read a response alike; a JSON array of
 * responses (streamGenerateContent without alt=sse) is read as one answer.
 */
final class GeminiResponseCodec {
  private GeminiResponseCodec() {}

  static ChatResponse decode(byte[] body) throws WireException {
    return decode(Json.tree(body));
  }

  static ChatResponse decode(JsonNode root) throws WireException {
    GeminiEvents events = new GeminiEvents();
    Assembly assembly = new Assembly();
    List<JsonNode> responses = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(responses::add);
    } else {
      responses.add(root);
    }
    for (JsonNode response : responses) {
      if (!response.isObject()) {
        throw new WireException("upstream response is not a JSON object");
      }
      try {
        events.accept(response, assembly::add);
      } catch (UpstreamStreamError e) {
        throw new WireException("upstream answered an error: " + e.failure().detail(), e);
      }
    }
    if (!events.finished()) {
      throw new WireException("upstream response has no candidate with a finishReason");
    }
    return assembly.response();
  }

  static byte[] encode(ChatResponse response) {
    ObjectNode root = Json.object();
    ArrayNode parts =
        new GeminiPartsWriter(new LinkedHashSet<>(), GeminiSignatures.FOREIGN_FOR_CLIENTS)
            .model(response.content());
    ObjectNode candidate = root.putArray("candidates").addObject();
    candidate.putObject("content").put("role", "model").set("parts", parts);
    candidate.put("finishReason", GeminiFinishReasons.encode(response.finish())).put("index", 0);
    response.usage().ifPresent(usage -> root.set("usageMetadata", GeminiUsage.encode(usage)));
    root.put("modelVersion", response.model()).put("responseId", response.id());
    return Json.bytes(root);
  }

  /** Collects the events of one answer into its parts, block by block. */
  private static final class Assembly {
    private final Map<Integer, Block> blocks = new TreeMap<>();
    private String id = "";
    private String model = "";
    private Finish finish = Finish.of(FinishReason.OTHER, "");
    private Optional<Usage> usage = Optional.empty();

    private static final class Block {
      private final StringBuilder text = new StringBuilder();
      private String signature = "";
      private boolean reasoning;
      private String callId = "";
      private String callName = "";
      private boolean call;
    }

    void add(ChatEvent event) {
      switch (event) {
        case ChatEvent.Started started -> {
          id = started.id();
          model = started.model();
        }
        case ChatEvent.TextDelta delta -> block(delta.block()).text.append(delta.text());
        case ChatEvent.ReasoningDelta delta -> {
          Block block = block(delta.block());
          block.reasoning = true;
          block.text.append(delta.text());
        }
        case ChatEvent.ReasoningSignature signature -> {
          Block block = block(signature.block());
          block.reasoning = true;
          block.signature = signature.signature();
        }
        case ChatEvent.ToolCallStarted call -> {
          Block block = block(call.block());
          block.call = true;
          block.callId = call.id();
          block.callName = call.name();
        }
        case ChatEvent.ToolArgumentsDelta args ->
            block(args.block()).text.append(args.jsonFragment());
        case ChatEvent.UsageReported reported -> usage = Optional.of(reported.usage());
        case ChatEvent.Finished finished -> finish = finished.finish();
        case ChatEvent.RedactedReasoning ignored -> {
          // Gemini has none.
        }
        case ChatEvent.BlockStopped ignored -> {
          // Blocks end where the next begins.
        }
      }
    }

    private Block block(int index) {
      return blocks.computeIfAbsent(index, ignored -> new Block());
    }

    ChatResponse response() {
      List<Part> content = new ArrayList<>(blocks.size());
      for (Block block : blocks.values()) {
        if (block.call) {
          content.add(new Part.ToolUse(block.callId, block.callName, block.text.toString()));
        } else if (block.reasoning) {
          content.add(new Part.Thinking(block.text.toString(), block.signature));
        } else {
          content.add(Part.Text.of(block.text.toString()));
        }
      }
      return new ChatResponse(id, model, 0, content, finish, usage);
    }
  }
}
