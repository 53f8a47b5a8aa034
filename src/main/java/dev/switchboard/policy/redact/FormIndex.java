package dev.switchboard.policy.redact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ways the redacted values are written, indexed by their first two characters (one-character
 * values by their only one), longest first: a sweep looks at each position of a text once and tries
 * only the values that can start there.
 */
final class FormIndex {
  private static final int ASCII = 128;

  private final Map<Integer, List<Vault.Form>> pairs = new HashMap<>();
  private final List<List<Vault.Form>> asciiPairs = new ArrayList<>(ASCII * ASCII);
  private final Map<Character, List<Vault.Form>> singles = new HashMap<>();
  private final boolean empty;

  /** {@code forms} longest first. */
  FormIndex(List<Vault.Form> forms) {
    for (int i = 0; i < ASCII * ASCII; i++) {
      asciiPairs.add(List.of());
    }
    for (Vault.Form form : forms) {
      String text = form.text();
      if (text.length() == 1) {
        singles.computeIfAbsent(text.charAt(0), c -> new ArrayList<>()).add(form);
      } else if (text.charAt(0) < ASCII && text.charAt(1) < ASCII) {
        int key = text.charAt(0) * ASCII + text.charAt(1);
        List<Vault.Form> list = new ArrayList<>(asciiPairs.get(key));
        list.add(form);
        asciiPairs.set(key, list);
      } else {
        pairs.computeIfAbsent(pair(text, 0), k -> new ArrayList<>()).add(form);
      }
    }
    this.empty = forms.isEmpty();
  }

  private static int pair(String text, int at) {
    return (text.charAt(at) << 16) | text.charAt(at + 1);
  }

  boolean isEmpty() {
    return empty;
  }

  /** The forms of two characters or more that start with {@code text[at, at + 2)}. */
  List<Vault.Form> longAt(String text, int at) {
    if (at + 1 >= text.length()) {
      return List.of();
    }
    char first = text.charAt(at);
    char second = text.charAt(at + 1);
    if (first < ASCII && second < ASCII) {
      return asciiPairs.get(first * ASCII + second);
    }
    @Nullable List<Vault.Form> forms = pairs.get(pair(text, at));
    return forms == null ? List.of() : forms;
  }

  /** The one-character forms equal to {@code text[at]}. */
  List<Vault.Form> singleAt(String text, int at) {
    if (singles.isEmpty()) {
      return List.of();
    }
    @Nullable List<Vault.Form> forms = singles.get(text.charAt(at));
    return forms == null ? List.of() : forms;
  }
}
