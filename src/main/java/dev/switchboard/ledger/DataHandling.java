package dev.switchboard.ledger;

import java.util.List;

/**
 * What the sourcing policy decided for a request, as the ledger keeps it: the data class, the rule
 * applied (its configuration path), the action ({@code route}, {@code redact}, {@code block}) and
 * the finding types seen, sorted and distinct. Never the matched text.
 */
public record DataHandling(
    String dataClass, String rule, String action, List<String> findingTypes) {
  /** No policy configured: public, no rule, routed as asked. */
  public static final DataHandling NONE = new DataHandling("public", "", "route", List.of());

  public DataHandling {
    findingTypes = List.copyOf(findingTypes);
  }
}
