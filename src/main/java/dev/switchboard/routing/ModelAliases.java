package dev.switchboard.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Model names clients send that are not catalog ids: Claude Code asks for {@code claude-opus-5-5}
 * whatever the catalog calls its models. An alias names a catalog id exactly, or by prefix when it
 * ends in '*'; exact names win over prefixes and the longest prefix wins. The shipped aliases send
 * Claude's own names to the Claude deployments; a configured alias of the same name replaces one.
 */
public final class ModelAliases {
  /** Claude Code's default names, and the Anthropic API's dated ones, to the catalog's Claude. */
  public static final Map<String, String> SHIPPED =
      Map.of(
          "claude-opus-*", "anthropic/claude-opus-4.6",
          "claude-sonnet-*", "anthropic/claude-sonnet-4.6",
          "claude-haiku-*", "anthropic/claude-sonnet-4.6");

  private final Map<String, String> exact = new LinkedHashMap<>();
  private final Map<String, String> prefixes = new LinkedHashMap<>();

  /** The shipped aliases overlaid with {@code configured}. */
  public ModelAliases(Map<String, String> configured) {
    Map<String, String> all = new LinkedHashMap<>(SHIPPED);
    all.putAll(configured);
    all.forEach(
        (name, target) -> {
          if (name.endsWith("*")) {
            prefixes.put(name.substring(0, name.length() - 1), target);
          } else {
            exact.put(name, target);
          }
        });
  }

  /** The catalog id {@code requested} stands for, if it is an alias. */
  public Optional<String> resolve(String requested) {
    String target = exact.get(requested);
    if (target != null) {
      return Optional.of(target);
    }
    String best = null;
    for (Map.Entry<String, String> prefix : prefixes.entrySet()) {
      if (requested.startsWith(prefix.getKey())
          && (best == null || prefix.getKey().length() > best.length())) {
        best = prefix.getKey();
      }
    }
    return best == null ? Optional.empty() : Optional.of(prefixes.get(best));
  }
}
