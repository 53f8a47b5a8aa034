package dev.switchboard.policy;

/** One data class's rule: what it demands of deployments and what is done with its requests. */
public record ClassRule(DataClass dataClass, Action action, Requirements requirements) {
  /** The rule's configuration path, such as {@code policy.classes.regulated}: its name. */
  public String name() {
    return requirements.rule();
  }

  /** A class the policy does not mention: routed anywhere. */
  static ClassRule open(DataClass dataClass) {
    return new ClassRule(
        dataClass, Action.ROUTE, Requirements.none("policy.classes." + dataClass.wireName()));
  }
}
