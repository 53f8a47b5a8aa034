package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Role;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Rebuilds a Messages body from a request of another format. Anthropic wants the system prompt
 * apart and user and assistant turns alternating, so:
 *
 * <ul>
 *   <li>system turns before the first user or assistant turn join the system prompt;
 *   <li>a system turn later in the conversation becomes user text at its place (appending it to the
 *       system prompt would move it before turns it followed, and would change the cached prefix on
 *       every such turn);
 *   <li>tool results are user turns of tool_result blocks, which lead their turn, as Anthropic
 *       requires;
 *   <li>consecutive turns of one role are merged into one.
 * </ul>
 */
final class AnthropicRequestWriter {
  private final Set<String> dropped = new LinkedHashSet<>();
  private final AnthropicBlocks blocks = new AnthropicBlocks(dropped);

  ObjectNode write(ChatRequest request) throws WireException {
    ObjectNode body = Json.object();
    List<Message> messages = request.messages();
    List<Part> system = new ArrayList<>(request.system());
    int lead = 0;
    while (lead < messages.size() && messages.get(lead).role() == Role.SYSTEM) {
      system.addAll(messages.get(lead++).parts());
    }
    ArrayNode systemBlocks = blocks.write(system);
    if (!systemBlocks.isEmpty()) {
      body.set("system", systemBlocks);
    }
    body.set("messages", turns(messages.subList(lead, messages.size())));
    if (!request.tools().isEmpty()) {
      AnthropicTools.write(request.tools(), body.putArray("tools"));
    }
    new AnthropicControlsWriter(dropped)
        .write(request.controls(), !request.tools().isEmpty(), body);
    return body;
  }

  List<String> dropped() {
    return new ArrayList<>(dropped);
  }

  private ArrayNode turns(List<Message> messages) throws WireException {
    ArrayNode turns = Json.array();
    @Nullable ObjectNode last = null;
    for (Message message : messages) {
      ArrayNode content = blocks.write(message.parts());
      if (content.isEmpty()) {
        continue;
      }
      String role = message.role() == Role.ASSISTANT ? "assistant" : "user";
      if (last != null && role.equals(last.get("role").asText())) {
        ((ArrayNode) last.get("content")).addAll(content);
      } else {
        last = turns.addObject().put("role", role);
        last.set("content", content);
      }
    }
    for (JsonNode turn : turns) {
      if ("user".equals(turn.get("role").asText())) {
        ((ObjectNode) turn).set("content", toolResultsFirst((ArrayNode) turn.get("content")));
      }
    }
    return turns;
  }

  /** Anthropic wants a user turn's tool_result blocks before its other blocks. */
  private static ArrayNode toolResultsFirst(ArrayNode content) {
    ArrayNode ordered = Json.array();
    for (JsonNode block : content) {
      if ("tool_result".equals(block.path("type").asText())) {
        ordered.add(block);
      }
    }
    for (JsonNode block : content) {
      if (!"tool_result".equals(block.path("type").asText())) {
        ordered.add(block);
      }
    }
    return ordered;
  }
}
