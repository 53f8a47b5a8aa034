package dev.switchboard.policy.redact;

import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Part;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Puts the original values back where a model echoes a placeholder of one request: in text as they
 * were, in tool-call arguments (JSON text) JSON-escaped without quotes, so the JSON stays valid.
 * Reasoning is never touched (its signature covers it). A placeholder this request did not give out
 * ({@code <EMAIL_99>}, {@code <b>}) stays as written. Immutable and thread-safe.
 */
public final class Restorer {
  private static final Restorer NONE = new Restorer(Map.of());
  private static final StreamRestorer INERT = new StreamRestorer(NONE);

  private final Map<String, String> plain;
  private final Map<String, String> json;
  private final Set<String> prefixes;
  private final int longest;

  Restorer(Map<String, String> originals) {
    this.plain = Collections.unmodifiableMap(new LinkedHashMap<>(originals));
    Map<String, String> escaped = new HashMap<>();
    Set<String> proper = new HashSet<>();
    int max = 0;
    for (Map.Entry<String, String> entry : originals.entrySet()) {
      String placeholder = entry.getKey();
      escaped.put(placeholder, JsonText.escape(entry.getValue()));
      for (int i = 1; i < placeholder.length(); i++) {
        proper.add(placeholder.substring(0, i));
      }
      max = Math.max(max, placeholder.length());
    }
    this.json = Map.copyOf(escaped);
    this.prefixes = Set.copyOf(proper);
    this.longest = max;
  }

  /** A restorer with nothing to restore: the one of a request that was not redacted. */
  public static Restorer none() {
    return NONE;
  }

  public boolean isEmpty() {
    return plain.isEmpty();
  }

  /** {@code text} with every placeholder of this request replaced by its original value. */
  public String restore(String text) {
    return replace(text, false);
  }

  /** The answer's text and tool-call arguments restored; reasoning and the rest unchanged. */
  public ChatResponse restore(ChatResponse response) {
    if (isEmpty()) {
      return response;
    }
    List<Part> content = new ArrayList<>(response.content().size());
    for (Part part : response.content()) {
      content.add(
          switch (part) {
            case Part.Text text -> new Part.Text(restore(text.text()), text.cache());
            case Part.ToolUse call ->
                new Part.ToolUse(call.id(), call.name(), replace(call.arguments(), true));
            default -> part;
          });
    }
    return new ChatResponse(
        response.id(),
        response.model(),
        response.created(),
        content,
        response.finish(),
        response.usage());
  }

  /**
   * A restorer for one upstream stream (one attempt): each attempt needs a new one, but for a
   * request not redacted, which holds nothing back, one shared instance serves every attempt.
   */
  public StreamRestorer stream() {
    return isEmpty() ? INERT : new StreamRestorer(this);
  }

  /** The placeholders and their values, for tests and diagnostics of this package only. */
  Map<String, String> originals() {
    return new LinkedHashMap<>(plain);
  }

  String replace(String text, boolean inJson) {
    int open = text.indexOf('<');
    if (open < 0 || isEmpty()) {
      return text;
    }
    Map<String, String> values = inJson ? json : plain;
    StringBuilder out = new StringBuilder(text.length() + 32);
    int copied = 0;
    while (open >= 0) {
      // Only name characters may follow '<', and at most a placeholder's length: linear overall.
      int end = open + 1;
      int limit = Math.min(text.length(), open + longest);
      while (end < limit && Placeholders.isNameChar(text.charAt(end))) {
        end++;
      }
      @Nullable String value =
          end < limit && text.charAt(end) == '>' ? values.get(text.substring(open, end + 1)) : null;
      if (value != null) {
        out.append(text, copied, open).append(value);
        copied = end + 1;
        open = text.indexOf('<', copied);
      } else {
        open = text.indexOf('<', open + 1);
      }
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }

  /**
   * Where a trailing piece of {@code text} that could still grow into a placeholder of this request
   * begins, or {@code text.length()} when there is none.
   */
  int heldFrom(String text) {
    int from = Math.max(0, text.length() - longest + 1);
    for (int i = text.indexOf('<', from); i >= 0; i = text.indexOf('<', i + 1)) {
      if (prefixes.contains(text.substring(i))) {
        return i;
      }
    }
    return text.length();
  }
}
