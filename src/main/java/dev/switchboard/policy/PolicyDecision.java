package dev.switchboard.policy;

import dev.switchboard.ledger.DataHandling;
import dev.switchboard.policy.detect.Finding;
import dev.switchboard.policy.detect.MessageFindings;
import dev.switchboard.routing.RouteFilter;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import java.util.List;
import java.util.TreeSet;

/**
 * The policy's verdict on one request: its data class, the rule of that class, the findings (typed
 * spans, never text) and what raised the class ({@code key}, {@code header}, {@code findings},
 * {@code scan failed}, or {@code default}). {@code scanComplete} is false when the scan failed or
 * ran out of time: the class is then the highest, whatever was found.
 */
public record PolicyDecision(
    DataClass dataClass,
    ClassRule rule,
    List<MessageFindings> findings,
    boolean scanComplete,
    String raisedBy) {

  /** A request no policy looked at: public, routed anywhere. */
  public static final PolicyDecision UNCLASSIFIED =
      new PolicyDecision(
          DataClass.PUBLIC, ClassRule.open(DataClass.PUBLIC), List.of(), true, "default");

  public PolicyDecision {
    findings = List.copyOf(findings);
  }

  public Action action() {
    return rule.action();
  }

  /** The deployments this request may never use, for the planner. */
  public RouteFilter filter() {
    Requirements requirements = rule.requirements();
    return requirements.isEmpty() ? RouteFilter.NONE : requirements;
  }

  /** The finding types seen, distinct and sorted: {@code [CREDIT_CARD, EMAIL]}. */
  public List<String> findingTypes() {
    TreeSet<String> types = new TreeSet<>();
    for (MessageFindings part : findings) {
      for (Finding finding : part.findings()) {
        types.add(finding.type().name());
      }
    }
    return List.copyOf(types);
  }

  /** What the ledger keeps of this decision. */
  public DataHandling handling() {
    return new DataHandling(dataClass.wireName(), rule.name(), action().wireName(), findingTypes());
  }

  /**
   * The 403 for a blocked request: the rule and the finding types, never the matched text, in words
   * a client's user can act on.
   */
  public GatewayError blocked() {
    List<String> types = findingTypes();
    String why =
        switch (raisedBy) {
          case "findings" -> "it contains " + String.join(", ", types);
          case "scan failed" -> "its content could not be checked in time";
          case "header" -> "its X-Data-Class header says so";
          case "key" -> "its API key's default class says so";
          default -> "that is the default class";
        };
    return GatewayError.of(
        ErrorKind.POLICY_BLOCKED,
        "blocked by data policy rule "
            + rule.name()
            + ": the request is classed "
            + dataClass.wireName()
            + " because "
            + why
            + "; remove that data or ask your administrator about the policy");
  }
}
