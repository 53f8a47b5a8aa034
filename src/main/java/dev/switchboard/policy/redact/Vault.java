package dev.switchboard.policy.redact;

import dev.switchboard.policy.detect.FindingType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The placeholders of one request: one per distinct value, numbered per type from 1 in the order
 * values are first given, skipping numbers the client's own text already holds.
 */
final class Vault {
  /** A way a value is written ({@code text}) and the placeholder that replaces it. */
  record Form(String text, String placeholder) {}

  private static final Comparator<Form> LONGEST_FIRST =
      Comparator.comparingInt((Form f) -> -f.text().length()).thenComparing(Form::text);

  private final Set<String> reserved;
  private final Map<String, Integer> counters = new HashMap<>();
  private final Map<String, String> byValue = new LinkedHashMap<>();
  private final Map<String, String> originals = new LinkedHashMap<>();

  Vault(Set<String> reserved) {
    this.reserved = Set.copyOf(reserved);
  }

  /** The placeholder of {@code value}, given on its first sight as the next of {@code type}. */
  String allocate(String value, FindingType type) {
    String known = byValue.get(value);
    if (known != null) {
      return known;
    }
    String prefix = Placeholders.prefix(type);
    String placeholder;
    int n = counters.getOrDefault(prefix, 0);
    do {
      n++;
      placeholder = Placeholders.of(prefix, n);
    } while (reserved.contains(placeholder));
    counters.put(prefix, n);
    byValue.put(value, placeholder);
    originals.put(placeholder, value);
    return placeholder;
  }

  Optional<String> placeholderOf(String value) {
    return Optional.ofNullable(byValue.get(value));
  }

  boolean isEmpty() {
    return byValue.isEmpty();
  }

  /** Placeholder to original value, in order of allocation. */
  Map<String, String> originals() {
    return originals;
  }

  /** Each value as plain text, longest first (a longer value wins where two overlap). */
  List<Form> plainForms() {
    List<Form> forms = new ArrayList<>(byValue.size());
    byValue.forEach((value, placeholder) -> forms.add(new Form(value, placeholder)));
    forms.sort(LONGEST_FIRST);
    return forms;
  }

  /** Each value as it is written inside a JSON string, longest first. */
  List<Form> jsonForms() {
    List<Form> forms = new ArrayList<>(byValue.size());
    byValue.forEach(
        (value, placeholder) -> forms.add(new Form(JsonText.escape(value), placeholder)));
    forms.sort(LONGEST_FIRST);
    return forms;
  }
}
