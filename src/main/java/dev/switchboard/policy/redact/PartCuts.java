package dev.switchboard.policy.redact;

import dev.switchboard.policy.detect.Finding;
import dev.switchboard.policy.detect.FindingType;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a part's findings are replaced, with their placeholders given out in order: in a text, the
 * findings' spans; in a tool call's arguments (JSON text), the spans clipped to string values and
 * widened to whole escape sequences, so the JSON stays valid and keys (the tool schema's names)
 * stay as they are; in a tool result, the spans laid over its text parts (a value across two parts
 * is written once, in the first). Overlapping findings (a custom one over a built-in one) are
 * joined into one span of the longer finding's type. Thinking and opaque parts have none.
 */
record PartCuts(List<Cuts.Cut> own, Map<Integer, List<Cuts.Cut>> inner) {
  static final PartCuts NONE = new PartCuts(List.of(), Map.of());

  private record Span(int start, int end, FindingType type) {}

  static PartCuts of(Part part, List<Finding> findings, Vault vault) {
    return switch (part) {
      case Part.Text text -> new PartCuts(plain(text.text(), findings, vault), Map.of());
      case Part.ToolUse call ->
          new PartCuts(arguments(call.arguments(), findings, vault), Map.of());
      case Part.ToolResult result -> new PartCuts(List.of(), toolResult(result, findings, vault));
      default -> NONE; // Thinking is signed; the rest carries no text of ours.
    };
  }

  List<Cuts.Cut> inner(int index) {
    return inner.getOrDefault(index, List.of());
  }

  private static List<Cuts.Cut> plain(String text, List<Finding> findings, Vault vault) {
    List<Cuts.Cut> cuts = new ArrayList<>();
    for (Span span : merged(findings, text.length())) {
      String value = text.substring(span.start(), span.end());
      cuts.add(new Cuts.Cut(span.start(), span.end(), vault.allocate(value, span.type())));
    }
    return cuts;
  }

  private static List<Cuts.Cut> arguments(String json, List<Finding> findings, Vault vault) {
    Optional<JsonText> parsed = JsonText.read(json);
    if (parsed.isEmpty()) {
      return plain(json, findings, vault); // not JSON: nothing to keep valid
    }
    JsonText text = parsed.get();
    List<Cuts.Cut> cuts = new ArrayList<>();
    for (Span span : merged(findings, json.length())) {
      for (JsonText.Region region : text.values()) {
        int start = text.boundaryAtOrBefore(Math.max(span.start(), region.start()));
        int end = text.boundaryAtOrAfter(Math.min(span.end(), region.end()));
        if (start < end && (cuts.isEmpty() || cuts.getLast().end() <= start)) {
          String value = JsonText.unescape(json.substring(start, end));
          cuts.add(new Cuts.Cut(start, end, vault.allocate(value, span.type())));
        }
      }
    }
    return cuts;
  }

  private static Map<Integer, List<Cuts.Cut>> toolResult(
      Part.ToolResult result, List<Finding> findings, Vault vault) {
    String joined = result.text();
    List<Part> content = result.content();
    // Where each content part's text lies in the joined text (Message.textOf's order and rules).
    int[] starts = new int[content.size() + 1];
    for (int i = 0; i < content.size(); i++) {
      starts[i + 1] = starts[i] + Message.textOf(List.of(content.get(i))).length();
    }
    Map<Integer, List<Cuts.Cut>> inner = new HashMap<>();
    for (Span span : merged(findings, joined.length())) {
      String placeholder = vault.allocate(joined.substring(span.start(), span.end()), span.type());
      boolean written = false;
      for (int i = 0; i < content.size(); i++) {
        int from = Math.max(span.start(), starts[i]);
        int to = Math.min(span.end(), starts[i + 1]);
        if (from < to && content.get(i) instanceof Part.Text) {
          inner
              .computeIfAbsent(i, k -> new ArrayList<>())
              .add(new Cuts.Cut(from - starts[i], to - starts[i], written ? "" : placeholder));
          written = true;
        }
      }
    }
    return inner;
  }

  /** Findings sorted and overlapping ones joined; a span past the text is refused. */
  private static List<Span> merged(List<Finding> findings, int length) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparingInt(Finding::start).thenComparingInt(f -> -f.end()));
    List<Span> spans = new ArrayList<>();
    @Nullable Span open = null;
    int longest = 0;
    for (Finding finding : sorted) {
      if (finding.end() > length) {
        throw new IllegalArgumentException(
            "finding " + finding + " lies past its part's text: not findings of this request");
      }
      int size = finding.end() - finding.start();
      if (open != null && finding.start() < open.end()) {
        FindingType type = size > longest ? finding.type() : open.type();
        longest = Math.max(longest, size);
        open = new Span(open.start(), Math.max(open.end(), finding.end()), type);
      } else {
        if (open != null) {
          spans.add(open);
        }
        open = new Span(finding.start(), finding.end(), finding.type());
        longest = size;
      }
    }
    if (open != null) {
      spans.add(open);
    }
    return spans;
  }
}
