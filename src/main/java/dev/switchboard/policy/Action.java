package dev.switchboard.policy;

import java.util.Locale;

/**
 * What a class's rule does with a request: {@code route} it to the deployments the rule allows,
 * {@code redact} its findings first (then route it the same way), or {@code block} it with a 403.
 */
public enum Action {
  ROUTE,
  REDACT,
  BLOCK;

  /** The name in configuration, the ledger and the scan API. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
