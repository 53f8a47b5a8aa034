package dev.switchboard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.policy.detect.Finding;
import dev.switchboard.policy.detect.MessageFindings;
import dev.switchboard.policy.detect.Scanner;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured data-sensitivity policy, built once and shared by every event loop: it classes a
 * request as the highest of its key's default class, its {@code X-Data-Class} header (which can
 * raise the class, never lower it) and what its findings map to, and gives the rule of that class.
 * Without a {@code policy:} section nothing is scanned and every class routes anywhere. The scan
 * fails closed: an error or a scan over its time budget classes the request at the highest class.
 */
public final class SourcingPolicy {
  /**
   * The message index of findings in the body fields the gateway passes on without reading them
   * (OpenAI's {@code user} and {@code metadata}, say); the part index counts the strings scanned.
   */
  public static final int FIELDS = -3;

  /** Body fields the canonical request carries, which the scanner reads there. */
  private static final Set<String> READ_FIELDS =
      Set.of("messages", "system", "tools", "contents", "systemInstruction", "system_instruction");

  /** The header a client raises its request's class with. */
  public static final String HEADER = "x-data-class";

  private static final SourcingPolicy NONE =
      new SourcingPolicy(
          Optional.empty(), DataClass.PUBLIC, Duration.ZERO, Map.of(), openRules(Map.of()));

  private final Optional<Scanner> scanner;
  private final DataClass defaultClass;
  private final Duration scanBudget;
  private final Map<String, DataClass> findingClasses;
  private final Map<DataClass, ClassRule> rules;

  SourcingPolicy(
      Optional<Scanner> scanner,
      DataClass defaultClass,
      Duration scanBudget,
      Map<String, DataClass> findingClasses,
      Map<DataClass, ClassRule> rules) {
    this.scanner = scanner;
    this.defaultClass = defaultClass;
    this.scanBudget = scanBudget;
    this.findingClasses = Map.copyOf(findingClasses);
    this.rules = new EnumMap<>(rules);
  }

  /** No policy: nothing scanned, every class routed anywhere. */
  public static SourcingPolicy none() {
    return NONE;
  }

  /** Every class's rule: the configured ones, the others routed anywhere. */
  static Map<DataClass, ClassRule> openRules(Map<DataClass, ClassRule> configured) {
    Map<DataClass, ClassRule> all = new EnumMap<>(DataClass.class);
    for (DataClass c : DataClass.values()) {
      all.put(c, configured.getOrDefault(c, ClassRule.open(c)));
    }
    return all;
  }

  /** The detectors of this policy; empty without a {@code policy:} section. */
  public Optional<Scanner> scanner() {
    return scanner;
  }

  /** Whether requests are scanned (a {@code policy:} section is configured). */
  public boolean scans() {
    return scanner.isPresent();
  }

  /** How long a request's scan may take before the request counts as the highest class. */
  public Duration scanBudget() {
    return scanBudget;
  }

  /** The rule of {@code dataClass}. */
  public ClassRule rule(DataClass dataClass) {
    return rules.get(dataClass);
  }

  /**
   * Classes {@code request}: its key's default class, its {@code X-Data-Class} header value, and
   * (when a policy is configured) what the scan finds within the time budget.
   *
   * @throws GatewayError 400 naming the header when it names no data class
   */
  public PolicyDecision decide(
      ChatRequest request, Optional<DataClass> keyClass, Optional<String> header) {
    return decide(request, keyClass, header, "");
  }

  /**
   * As {@link #decide(ChatRequest, Optional, Optional)} for a request of the API key {@code keyId}:
   * the scan answers from that key's texts scanned before only (see {@link Scanner}).
   */
  public PolicyDecision decide(
      ChatRequest request, Optional<DataClass> keyClass, Optional<String> header, String keyId) {
    DataClass dataClass = keyClass.orElse(defaultClass);
    String raisedBy = keyClass.isPresent() ? "key" : "default";
    if (header.isPresent()) {
      DataClass asked = headerClass(header.get());
      if (asked.compareTo(dataClass) > 0) {
        dataClass = asked;
        raisedBy = "header";
      }
    }
    if (scanner.isEmpty()) {
      return new PolicyDecision(dataClass, rules.get(dataClass), List.of(), true, raisedBy);
    }
    List<MessageFindings> findings;
    try {
      findings = scan(scanner.get(), request, keyId);
    } catch (RuntimeException e) {
      // Fail closed: what could not be checked is treated as the most sensitive data.
      DataClass highest = DataClass.REGULATED;
      return new PolicyDecision(highest, rules.get(highest), List.of(), false, "scan failed");
    }
    DataClass found = classOf(findings);
    if (found.compareTo(dataClass) > 0) {
      dataClass = found;
      raisedBy = "findings";
    }
    return new PolicyDecision(dataClass, rules.get(dataClass), findings, true, raisedBy);
  }

  private List<MessageFindings> scan(Scanner scanner, ChatRequest request, String keyId) {
    long deadline = System.nanoTime() + scanBudget.toNanos();
    List<MessageFindings> found = new ArrayList<>(scanner.scan(request, deadline, keyId));
    scanFields(scanner, request.source().body(), found);
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("the scan of the body's other fields ran over its budget");
    }
    return found;
  }

  /**
   * Scans the string values of the body's other fields: they reach a provider of the client's
   * format as sent, so what they hold counts towards the class (and is never rewritten).
   */
  private static void scanFields(Scanner scanner, JsonNode body, List<MessageFindings> found) {
    int[] index = {0};
    body.properties()
        .forEach(
            field -> {
              if (!READ_FIELDS.contains(field.getKey())) {
                scanStrings(scanner, field.getValue(), index, found);
              }
            });
  }

  private static void scanStrings(
      Scanner scanner, JsonNode node, int[] index, List<MessageFindings> found) {
    if (node.isTextual()) {
      List<Finding> findings = scanner.scan(node.asText());
      if (!findings.isEmpty()) {
        found.add(new MessageFindings(FIELDS, index[0], findings));
      }
      index[0]++;
    } else if (node.isContainerNode()) {
      node.forEach(child -> scanStrings(scanner, child, index, found));
    }
  }

  private DataClass classOf(List<MessageFindings> findings) {
    DataClass highest = DataClass.PUBLIC;
    for (MessageFindings part : findings) {
      for (Finding finding : part.findings()) {
        // Every built-in type is mapped; a custom one without a mapping is confidential.
        highest =
            highest.max(findingClasses.getOrDefault(finding.type().name(), DataClass.CONFIDENTIAL));
      }
    }
    return highest;
  }

  private static DataClass headerClass(String value) {
    try {
      return DataClass.of(value);
    } catch (IllegalArgumentException e) {
      throw GatewayError.builder(ErrorKind.INVALID_REQUEST, "X-Data-Class: " + e.getMessage())
          .param("X-Data-Class")
          .build();
    }
  }
}
