package dev.switchboard.policy.redact;

import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rewrites the canonical parts once every placeholder is given out: each text, tool call's
 * arguments and tool result's text gets its findings' placeholders and, by a sweep, every further
 * occurrence of a redacted value. It remembers each rewritten text, so the client's body, whose
 * strings are the same, is rewritten identically ({@link SourceRewriter}).
 */
final class RequestRewriter {
  /** Where a part sits: message index ({@code -1}: system prompt) and part index. */
  record PartRef(int message, int part) {}

  private final Map<PartRef, PartCuts> cuts;
  private final FormIndex plainForms;
  private final FormIndex jsonForms;
  private final Map<String, String> texts = new HashMap<>();
  private final Map<String, String> arguments = new HashMap<>();
  private int replaced;

  RequestRewriter(Vault vault, Map<PartRef, PartCuts> cuts) {
    this.cuts = cuts;
    this.plainForms = new FormIndex(vault.plainForms());
    this.jsonForms = new FormIndex(vault.jsonForms());
  }

  /** The number of placeholders written into the canonical request. */
  int replaced() {
    return replaced;
  }

  List<Part> parts(int message, List<Part> parts) {
    List<Part> out = new ArrayList<>(parts.size());
    for (int p = 0; p < parts.size(); p++) {
      PartCuts found = cuts.getOrDefault(new PartRef(message, p), PartCuts.NONE);
      out.add(part(parts.get(p), found));
    }
    return out;
  }

  List<Message> messages(List<Message> messages) {
    List<Message> out = new ArrayList<>(messages.size());
    for (int m = 0; m < messages.size(); m++) {
      Message message = messages.get(m);
      out.add(new Message(message.role(), parts(m, message.parts())));
    }
    return out;
  }

  private Part part(Part part, PartCuts found) {
    return switch (part) {
      case Part.Text text -> text(text, found.own());
      case Part.ToolUse call -> {
        String arguments = canonicalArguments(call.arguments(), found.own());
        yield arguments.equals(call.arguments())
            ? call
            : new Part.ToolUse(call.id(), call.name(), arguments);
      }
      case Part.ToolResult result -> {
        List<Part> content = new ArrayList<>(result.content().size());
        for (int i = 0; i < result.content().size(); i++) {
          Part inner = result.content().get(i);
          content.add(inner instanceof Part.Text text ? text(text, found.inner(i)) : inner);
        }
        yield content.equals(result.content())
            ? result
            : new Part.ToolResult(result.toolUseId(), content, result.isError(), result.cache());
      }
      // Thinking is never rewritten: its signature covers its text. The rest holds no text.
      default -> part;
    };
  }

  private Part.Text text(Part.Text part, List<Cuts.Cut> fixed) {
    Cuts all = new Cuts(fixed);
    String text = part.text();
    all.sweep(text, plainForms, 0, text.length(), i -> true);
    replaced += all.placeholders();
    String rewritten = all.apply(text);
    if (rewritten.equals(text)) {
      return part;
    }
    texts.put(text, rewritten);
    return new Part.Text(rewritten, part.cache());
  }

  private String canonicalArguments(String json, List<Cuts.Cut> fixed) {
    Cuts all = argumentCuts(json, fixed);
    replaced += all.placeholders();
    String rewritten = all.apply(json);
    if (!rewritten.equals(json)) {
      arguments.put(json, rewritten);
    }
    return rewritten;
  }

  private Cuts argumentCuts(String json, List<Cuts.Cut> fixed) {
    Cuts all = new Cuts(fixed);
    Optional<JsonText> parsed = JsonText.read(json);
    if (parsed.isEmpty()) {
      all.sweep(json, plainForms, 0, json.length(), i -> true);
      return all;
    }
    JsonText text = parsed.get();
    for (JsonText.Region region : text.values()) {
      all.sweep(json, jsonForms, region.start(), region.end(), text::isBoundary);
    }
    return all;
  }

  /** A text field of the client's body: as its canonical twin was rewritten, else swept. */
  String sourceText(String text) {
    String known = texts.get(text);
    if (known != null) {
      return known;
    }
    Cuts all = new Cuts(List.of());
    all.sweep(text, plainForms, 0, text.length(), i -> true);
    return all.apply(text);
  }

  /** A tool call's arguments (JSON text) in the client's body. */
  String sourceArguments(String json) {
    String known = arguments.get(json);
    return known != null ? known : argumentCuts(json, List.of()).apply(json);
  }
}
