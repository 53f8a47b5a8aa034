package dev.switchboard.ledger;

import java.util.List;
import java.util.Set;

/**
 * What the sourcing policy decided for a request, as the ledger keeps it: the data class ({@code
 * public}, {@code internal}, {@code confidential}, {@code regulated}), the rule applied (its
 * configuration path, empty for none), the action ({@code route}, {@code redact}, {@code block})
 * and the finding types seen ({@code EMAIL}, {@code CUSTOM:employee_id}), kept sorted and distinct.
 * Never the matched text. The constructor refuses any other class or action, and type names that
 * are blank or contain a comma (the ledger joins them with commas).
 */
public record DataHandling(
    String dataClass, String rule, String action, List<String> findingTypes) {
  /**
   * The data class names, lowest first, as {@code dev.switchboard.policy.DataClass} spells them.
   */
  public static final List<String> CLASSES =
      List.of("public", "internal", "confidential", "regulated");

  /** The actions a policy takes. */
  public static final Set<String> ACTIONS = Set.of("route", "redact", "block");

  // After the lists, which its construction checks against.
  /** No policy configured: public, no rule, routed as asked. */
  public static final DataHandling NONE = new DataHandling("public", "", "route", List.of());

  public DataHandling {
    if (!CLASSES.contains(dataClass)) {
      throw new IllegalArgumentException(
          "unknown data class '" + clip(dataClass) + "' (one of " + CLASSES + ")");
    }
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException(
          "unknown policy action '" + clip(action) + "' (route, redact or block)");
    }
    for (String type : findingTypes) {
      if (type.isBlank() || type.indexOf(',') >= 0) {
        throw new IllegalArgumentException(
            "a finding type name is not blank and has no comma: '" + clip(type) + "'");
      }
    }
    findingTypes = findingTypes.stream().sorted().distinct().toList();
  }

  private static String clip(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
