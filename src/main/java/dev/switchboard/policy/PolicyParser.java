package dev.switchboard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigNode;
import dev.switchboard.policy.detect.DetectorConfig;
import dev.switchboard.policy.detect.FindingType;
import dev.switchboard.policy.detect.Scanner;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code policy:} section of switchboard.yaml and checks it against the catalog: every
 * problem is a {@link ConfigException} naming the field ({@code policy.classes.regulated.
 * jurisdictions[1]}), which the CLI turns into the file's line.
 */
public final class PolicyParser {
  /** What each built-in finding type raises a request to, unless the policy says otherwise. */
  private static final Map<String, DataClass> DEFAULT_FINDING_CLASSES =
      Map.of(
          "EMAIL", DataClass.CONFIDENTIAL,
          "PHONE", DataClass.CONFIDENTIAL,
          "IP_ADDRESS", DataClass.INTERNAL,
          "CREDIT_CARD", DataClass.REGULATED,
          "IBAN", DataClass.REGULATED,
          "US_SSN", DataClass.REGULATED,
          "SECRET", DataClass.REGULATED);

  /** The EU member states, which {@code EU} in a jurisdiction list stands for. */
  static final Set<String> EU =
      Set.of(
          "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
          "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

  private static final Duration DEFAULT_SCAN_BUDGET = Duration.ofMillis(250);
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final ConfigNode.Errors ERRORS = ConfigException::new;
  private static final List<String> KEYS =
      List.of("default_class", "scan_budget", "detectors", "findings", "classes");
  private static final List<String> CLASS_KEYS =
      List.of(
          "action",
          "jurisdictions",
          "model_origins",
          "zero_retention",
          "no_training",
          "providers",
          "models");

  private PolicyParser() {}

  /** The shipped example policy (resources/policy.yaml), which demo runs with. */
  public static JsonNode example() {
    try (InputStream in = PolicyParser.class.getResourceAsStream("/policy.yaml")) {
      if (in == null) {
        throw new IllegalStateException("policy.yaml is missing from the build");
      }
      return Json.yaml().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The policy of a {@code policy:} section; an empty section (none written) is {@link
   * SourcingPolicy#none()}.
   *
   * @throws ConfigException naming the field of the first problem
   */
  public static SourcingPolicy parse(JsonNode section, Catalog catalog) {
    if (section.isEmpty()) {
      return SourcingPolicy.none();
    }
    ConfigNode node = ConfigNode.of(section, "policy", ERRORS);
    node.allowOnly(KEYS);
    DataClass defaultClass =
        node.string("default_class")
            .map(name -> dataClass(node, "default_class", name))
            .orElse(DataClass.PUBLIC);
    Duration budget = node.duration("scan_budget").orElse(DEFAULT_SCAN_BUDGET);
    if (budget.isZero() || budget.isNegative()) {
      throw node.error("scan_budget", "must be a positive duration such as 250ms");
    }
    DetectorConfig detectors =
        node.object("detectors").map(PolicyParser::detectors).orElse(DetectorConfig.DEFAULTS);
    Scanner scanner = scanner(node, detectors);
    Map<String, DataClass> findings =
        node.object("findings").map(f -> findings(f, detectors)).orElse(DEFAULT_FINDING_CLASSES);
    Map<DataClass, ClassRule> rules = new EnumMap<>(DataClass.class);
    node.object("classes").ifPresent(classes -> rules.putAll(classes(classes, catalog)));
    return new SourcingPolicy(
        Optional.of(scanner), defaultClass, budget, findings, SourcingPolicy.openRules(rules));
  }

  /**
   * The scanner of these detectors; a bad pattern or keyword list is named at its own path, so the
   * error points at its line.
   */
  private static Scanner scanner(ConfigNode node, DetectorConfig detectors) {
    try {
      return new Scanner(detectors);
    } catch (IllegalArgumentException e) {
      detectors
          .patterns()
          .forEach(
              (name, regex) ->
                  alone(
                      node,
                      "patterns." + name,
                      new DetectorConfig(List.of(), Map.of(name, regex), Map.of())));
      detectors
          .keywords()
          .forEach(
              (name, words) ->
                  alone(
                      node,
                      "keywords." + name,
                      new DetectorConfig(List.of(), Map.of(), Map.of(name, words))));
      throw node.error("detectors", e.getMessage());
    }
  }

  private static void alone(ConfigNode node, String field, DetectorConfig one) {
    try {
      new Scanner(one);
    } catch (IllegalArgumentException e) {
      throw node.error("detectors." + field, e.getMessage());
    }
  }

  private static DetectorConfig detectors(ConfigNode node) {
    node.allowOnly(List.of("phone_regions", "patterns", "keywords"));
    List<String> regions =
        node.has("phone_regions") ? node.strings("phone_regions") : DetectorConfig.DEFAULT_REGIONS;
    for (int i = 0; i < regions.size(); i++) {
      if (!COUNTRY.matcher(regions.get(i)).matches()) {
        throw node.error(
            "phone_regions[" + i + "]", "expected an ISO 3166 region code such as US or DE");
      }
    }
    Map<String, String> patterns = new LinkedHashMap<>();
    node.object("patterns")
        .ifPresent(p -> p.keys().forEach(name -> patterns.put(name, p.requiredString(name))));
    Map<String, List<String>> keywords = new LinkedHashMap<>();
    node.object("keywords")
        .ifPresent(k -> k.keys().forEach(name -> keywords.put(name, k.strings(name))));
    for (String name : patterns.keySet()) {
      if (keywords.containsKey(name)) {
        throw node.error("keywords." + name, "a pattern already has this name");
      }
    }
    return new DetectorConfig(regions, patterns, keywords);
  }

  /** The built-in types' default classes, overridden by and joined with the configured ones. */
  private static Map<String, DataClass> findings(ConfigNode node, DetectorConfig detectors) {
    Map<String, DataClass> out = new LinkedHashMap<>(DEFAULT_FINDING_CLASSES);
    for (String name : node.keys()) {
      FindingType type;
      try {
        type = FindingType.of(name);
      } catch (IllegalArgumentException e) {
        throw node.error(name, e.getMessage());
      }
      String custom = name.substring(name.indexOf(':') + 1);
      if (type.isCustom()
          && !detectors.patterns().containsKey(custom)
          && !detectors.keywords().containsKey(custom)) {
        throw node.error(name, "no detector named '" + custom + "' in policy.detectors");
      }
      out.put(type.name(), dataClass(node, name, node.requiredString(name)));
    }
    return out;
  }

  private static Map<DataClass, ClassRule> classes(ConfigNode node, Catalog catalog) {
    Map<DataClass, ClassRule> rules = new EnumMap<>(DataClass.class);
    for (String name : node.keys()) {
      DataClass dataClass = dataClass(node, name, name);
      ConfigNode rule = node.object(name).orElseThrow(() -> node.error(name, "expected a rule"));
      rules.put(dataClass, rule(rule, dataClass, catalog));
    }
    return rules;
  }

  private static ClassRule rule(ConfigNode node, DataClass dataClass, Catalog catalog) {
    node.allowOnly(CLASS_KEYS);
    Action action = node.string("action").map(name -> action(node, name)).orElse(Action.ROUTE);
    Optional<ConfigNode> providers = node.object("providers");
    Optional<ConfigNode> models = node.object("models");
    providers.ifPresent(p -> p.allowOnly(List.of("allow", "deny")));
    models.ifPresent(m -> m.allowOnly(List.of("allow", "deny")));
    Requirements requirements =
        new Requirements(
            node.path(),
            countries(node, "jurisdictions", true),
            countries(node, "model_origins", false),
            node.bool("zero_retention").orElse(false),
            node.bool("no_training").orElse(false),
            names(providers, "allow", id -> catalog.provider(id).isPresent(), "provider"),
            names(providers, "deny", id -> catalog.provider(id).isPresent(), "provider")
                .orElse(Set.of()),
            names(models, "allow", id -> catalog.model(id).isPresent(), "model"),
            names(models, "deny", id -> catalog.model(id).isPresent(), "model").orElse(Set.of()));
    return new ClassRule(dataClass, action, requirements);
  }

  /** Country codes, {@code EU} for its member states and (for jurisdictions) {@code local}. */
  private static Optional<Set<String>> countries(ConfigNode node, String key, boolean local) {
    if (!node.has(key)) {
      return Optional.empty();
    }
    List<String> codes = node.strings(key);
    Set<String> out = new HashSet<>();
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i).strip();
      if (code.equalsIgnoreCase("EU")) {
        out.addAll(EU);
      } else if (local && code.equalsIgnoreCase("local")) {
        out.add("local");
      } else if (COUNTRY.matcher(code.toUpperCase(Locale.ROOT)).matches()) {
        out.add(code.toUpperCase(Locale.ROOT));
      } else {
        throw node.error(
            key + "[" + i + "]",
            "expected an ISO 3166 country code (US, DE), EU"
                + (local ? " or local" : "")
                + ", got '"
                + code
                + "'");
      }
    }
    return Optional.of(out);
  }

  private static Optional<Set<String>> names(
      Optional<ConfigNode> node,
      String key,
      java.util.function.Predicate<String> known,
      String what) {
    if (node.isEmpty() || !node.get().has(key)) {
      return Optional.empty();
    }
    List<String> ids = node.get().strings(key);
    for (int i = 0; i < ids.size(); i++) {
      if (!known.test(ids.get(i))) {
        throw node.get()
            .error(key + "[" + i + "]", "no " + what + " '" + ids.get(i) + "' in the catalog");
      }
    }
    return Optional.of(Set.copyOf(ids));
  }

  private static Action action(ConfigNode node, String name) {
    for (Action action : Action.values()) {
      if (action.wireName().equals(name)) {
        return action;
      }
    }
    throw node.error("action", "expected route, redact or block, got '" + name + "'");
  }

  private static DataClass dataClass(ConfigNode node, String key, String name) {
    try {
      return DataClass.of(name);
    } catch (IllegalArgumentException e) {
      throw node.error(key, e.getMessage());
    }
  }
}
