package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Media;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Reasoning;
import dev.switchboard.wire.ToolSpec;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds a Chat Completions body from a request of another format. What Chat Completions cannot
 * say and may be left out without changing the answer's meaning (signatures, cache hints, top_k) is
 * named in {@link #dropped()}.
 */
final class OpenAiRequestWriter {
  private final Set<String> dropped = new LinkedHashSet<>();

  ObjectNode write(ChatRequest request) throws WireException {
    ObjectNode body = Json.object();
    ArrayNode messages = body.putArray("messages");
    if (request.system().size() > 1
        && request.system().stream().allMatch(Part.Text.class::isInstance)) {
      // One system message per block (Codex's developer messages, Claude's system blocks): a
      // string content would run them together with nothing between them.
      for (Part block : request.system()) {
        messages.addObject().put("role", "system").set("content", content(List.of(block)));
      }
    } else if (!request.system().isEmpty()) {
      messages.addObject().put("role", "system").set("content", content(request.system()));
    }
    for (Message message : request.messages()) {
      message(message, messages);
    }
    if (!request.tools().isEmpty()) {
      tools(request.tools(), body.putArray("tools"));
    }
    new OpenAiControlsWriter(dropped).write(request.controls(), body);
    return body;
  }

  List<String> dropped() {
    return new ArrayList<>(dropped);
  }

  private void message(Message message, ArrayNode messages) {
    switch (message.role()) {
      case SYSTEM ->
          messages.addObject().put("role", "system").set("content", content(message.parts()));
      case USER ->
          messages.addObject().put("role", "user").set("content", content(message.parts()));
      case ASSISTANT -> assistant(message.parts(), messages.addObject().put("role", "assistant"));
      case TOOL -> {
        for (Part part : message.parts()) {
          if (part instanceof Part.ToolResult result) {
            if (result.isError()) {
              dropped.add("is_error");
            }
            messages
                .addObject()
                .put("role", "tool")
                .put("tool_call_id", result.toolUseId())
                .set("content", content(result.content()));
          }
        }
      }
    }
  }

  private void assistant(List<Part> parts, ObjectNode out) {
    List<Part> visible = new ArrayList<>(parts.size());
    List<Part.ToolUse> calls = new ArrayList<>(2);
    for (Part part : parts) {
      switch (part) {
        case Part.ToolUse call -> calls.add(call);
        case Part.Thinking t -> dropped.add("thinking");
        case Part.RedactedThinking r -> dropped.add("redacted_thinking");
        default -> visible.add(part);
      }
    }
    if (visible.isEmpty() && !calls.isEmpty()) {
      out.putNull("content");
    } else {
      out.set("content", content(visible));
    }
    OpenAiToolCalls.encode(calls, out);
  }

  /** A plain string when the parts are text alone (what every compatible provider accepts). */
  private com.fasterxml.jackson.databind.JsonNode content(List<Part> parts) {
    boolean textOnly = parts.stream().allMatch(Part.Text.class::isInstance);
    if (textOnly) {
      parts.stream()
          .map(Part.Text.class::cast)
          .filter(text -> text.cache().isPresent())
          .findAny()
          .ifPresent(text -> dropped.add("cache_control"));
      return Json.mapper().getNodeFactory().textNode(Message.textOf(parts));
    }
    ArrayNode array = Json.mapper().createArrayNode();
    for (Part part : parts) {
      switch (part) {
        case Part.Text text -> array.addObject().put("type", "text").put("text", text.text());
        case Part.Image image ->
            array
                .addObject()
                .put("type", "image_url")
                .putObject("image_url")
                .put("url", Media.toUrl(image.media()));
        case Part.Document document -> {
          ObjectNode file = array.addObject().put("type", "file").putObject("file");
          file.put("file_data", Media.toUrl(document.media()));
          document.title().ifPresent(title -> file.put("filename", title));
        }
        case Part.Opaque opaque when OpenAiFormat.NAME.equals(opaque.format()) ->
            array.add(opaque.json());
        case Part.Opaque opaque -> dropped.add(opaque.type());
        case Part.ToolResult result ->
            array.addObject().put("type", "text").put("text", result.text());
        default -> dropped.add("thinking");
      }
    }
    return array;
  }

  private void tools(List<ToolSpec> tools, ArrayNode out) throws WireException {
    for (ToolSpec tool : tools) {
      // A provider-run tool of another format (Anthropic's web search) cannot become a function.
      tool.requireFunction(OpenAiFormat.NAME);
      ObjectNode function =
          out.addObject().put("type", "function").putObject("function").put("name", tool.name());
      tool.description().ifPresent(text -> function.put("description", text));
      function.set("parameters", tool.parameters());
      if (tool.cache().isPresent()) {
        dropped.add("cache_control");
      }
    }
  }

  /** Budget-only reasoning becomes the nearest effort level: Chat Completions takes no budget. */
  static String effortFor(Reasoning reasoning) {
    if (reasoning.effort().isPresent()) {
      String level = reasoning.effort().get();
      return "max".equals(level) || "xhigh".equals(level) ? "high" : level;
    }
    long budget = reasoning.budgetTokens().orElse(0);
    return budget <= 2048 ? "low" : budget <= 8192 ? "medium" : "high";
  }
}
