package dev.switchboard.wire.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The meaning of an answer, whatever its wire shape and block numbering: the text, the reasoning
 * and its signatures, the tool calls (arguments as parsed JSON, so spacing does not count), how it
 * ended and the usage. What the cross-format matrix requires to survive a translation.
 */
record Gist(
    String text,
    String reasoning,
    List<String> signatures,
    int redactedBlocks,
    List<Call> calls,
    Optional<FinishReason> finish,
    Optional<Usage> usage) {

  /** A tool call: name and parsed arguments (the id is the provider's and may be rewritten). */
  record Call(String name, JsonNode arguments) {}

  static Gist of(List<ChatEvent> events) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<String> signatures = new ArrayList<>();
    int redacted = 0;
    Map<Integer, String> names = new LinkedHashMap<>();
    Map<Integer, StringBuilder> arguments = new LinkedHashMap<>();
    Optional<FinishReason> finish = Optional.empty();
    Optional<Usage> usage = Optional.empty();
    for (ChatEvent event : events) {
      switch (event) {
        case ChatEvent.TextDelta t -> text.append(t.text());
        case ChatEvent.ReasoningDelta r -> reasoning.append(r.text());
        case ChatEvent.ReasoningSignature s -> signatures.add(s.signature());
        case ChatEvent.RedactedReasoning r -> redacted++;
        case ChatEvent.ToolCallStarted t -> {
          names.put(t.block(), t.name());
          arguments.put(t.block(), new StringBuilder());
        }
        case ChatEvent.ToolArgumentsDelta a ->
            arguments.computeIfAbsent(a.block(), b -> new StringBuilder()).append(a.jsonFragment());
        case ChatEvent.UsageReported u -> usage = Optional.of(u.usage());
        case ChatEvent.Finished f -> finish = Optional.of(f.finish().reason());
        case ChatEvent.Started s -> {
          // Identity: checked separately.
        }
        case ChatEvent.BlockStopped b -> {
          // Structure, not meaning.
        }
      }
    }
    List<Call> calls = new ArrayList<>();
    names.forEach((block, name) -> calls.add(call(name, arguments.get(block).toString())));
    return new Gist(
        text.toString(), reasoning.toString(), signatures, redacted, calls, finish, usage);
  }

  static Gist of(ChatResponse response) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<String> signatures = new ArrayList<>();
    int redacted = 0;
    List<Call> calls = new ArrayList<>();
    for (Part part : response.content()) {
      switch (part) {
        case Part.Text t -> text.append(t.text());
        case Part.Thinking t -> {
          reasoning.append(t.text());
          if (!t.signature().isEmpty()) {
            signatures.add(t.signature());
          }
        }
        case Part.RedactedThinking r -> redacted++;
        case Part.ToolUse t -> calls.add(call(t.name(), t.arguments()));
        default -> {
          // Images, documents, tool results and opaque blocks are not part of an answer here.
        }
      }
    }
    return new Gist(
        text.toString(),
        reasoning.toString(),
        signatures,
        redacted,
        calls,
        Optional.of(response.finish().reason()),
        response.usage());
  }

  /**
   * What a translated request must still say: every text, tool call (arguments as parsed JSON),
   * tool result and media part of the system prompt and the conversation, in order, whatever the
   * roles became; reasoning too unless the writer named "thinking" as dropped.
   */
  static List<String> conversation(ChatRequest request, List<String> dropped) {
    List<String> said = new ArrayList<>();
    request.system().forEach(part -> said(part, dropped, said));
    request
        .messages()
        .forEach(message -> message.parts().forEach(part -> said(part, dropped, said)));
    return said;
  }

  private static void said(Part part, List<String> dropped, List<String> said) {
    switch (part) {
      case Part.Text t -> said.add("text: " + t.text());
      case Part.ToolUse t -> said.add("tool call: " + call(t.name(), t.arguments()));
      case Part.ToolResult r -> {
        said.add("tool result for " + r.toolUseId());
        r.content().forEach(inner -> said(inner, dropped, said));
      }
      case Part.Image i -> said.add("image: " + PartJson.part(i).without("cache"));
      case Part.Document d -> said.add("document: " + PartJson.part(d).without("cache"));
      case Part.Thinking t -> {
        if (!dropped.contains("thinking")) {
          said.add("thinking: " + t.text());
        }
      }
      case Part.RedactedThinking r -> {
        // Only its own provider can read it; whether it travels is the signature's question.
      }
      case Part.Opaque o -> {
        // Meaningful to one format only: relayed or dropped by name (checked by the caller).
      }
    }
  }

  private static Call call(String name, String arguments) {
    try {
      return new Call(name, Json.tree(arguments.isEmpty() ? "{}" : arguments));
    } catch (WireException e) {
      throw new AssertionError(
          "tool call " + name + " has arguments that are not JSON: " + arguments, e);
    }
  }
}
