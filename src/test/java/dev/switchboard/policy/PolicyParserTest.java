package dev.switchboard.policy;

import static dev.switchboard.policy.PolicyFixtures.CATALOG;
import static dev.switchboard.policy.PolicyFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.routing.ModelAliases;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.RoutePlanner;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code policy:} section: the shipped example parses against the shipped catalog, and each bad
 * field is refused with a ConfigException whose path names that field.
 */
class PolicyParserTest {
  private static final String RULE = "classes:\n  regulated:\n";

  @Test
  void theShippedExample_parsesAgainstTheShippedCatalog_asItsCommentsSay() {
    Catalog shipped =
        Catalog.load(
            EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "catalog"), Json.object());
    SourcingPolicy policy = PolicyParser.parse(PolicyParser.example(), shipped);

    assertThat(policy.scans()).isTrue();
    assertThat(policy.scanBudget()).isEqualTo(Duration.ofMillis(250));
    ClassRule regulated = policy.rule(DataClass.REGULATED);
    assertThat(regulated.name()).isEqualTo("policy.classes.regulated");
    assertThat(regulated.action()).isEqualTo(Action.ROUTE);
    Requirements r = regulated.requirements();
    assertThat(r.zeroRetention()).isTrue();
    assertThat(r.noTraining()).isTrue();
    assertThat(r.jurisdictions().orElseThrow())
        .contains("US", "DE", "FR", "IE", "local")
        .doesNotContain("CN", "SG", "GB", "EU");
    ClassRule confidential = policy.rule(DataClass.CONFIDENTIAL);
    assertThat(confidential.action()).isEqualTo(Action.REDACT);
    assertThat(confidential.requirements().noTraining()).isTrue();
    assertThat(confidential.requirements().zeroRetention()).isFalse();
    assertThat(confidential.requirements().jurisdictions()).isEmpty();
    for (DataClass open : new DataClass[] {DataClass.PUBLIC, DataClass.INTERNAL}) {
      assertThat(policy.rule(open).action()).isEqualTo(Action.ROUTE);
      assertThat(policy.rule(open).requirements().isEmpty()).as(open.wireName()).isTrue();
    }
  }

  @Test
  void theShippedExample_keepsTheDemosCardRequest_onZeroRetentionUsOrEuProviders() {
    // The request the demo banner suggests: every provider keyed, as the demo's simulator does.
    Catalog shipped =
        Catalog.load(
                EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "catalog"), Json.object())
            .withProviders(p -> p.withApiKey("k"));
    SourcingPolicy policy = PolicyParser.parse(PolicyParser.example(), shipped);
    ChatRequest request =
        PolicyFixtures.openAi(
            "moonshotai/kimi-k2.5", "Refund card 4111 1111 1111 1111 to jane@example.com");
    PolicyDecision decision = policy.decide(request, Optional.empty(), Optional.empty());
    assertThat(decision.dataClass()).isEqualTo(DataClass.REGULATED);
    assertThat(decision.findingTypes()).containsExactly("CREDIT_CARD", "EMAIL");

    List<Route> routes =
        new RoutePlanner(shipped, new ModelAliases(Map.of()), true)
            .plan(request, decision.filter());
    assertThat(routes).isNotEmpty();
    for (Route route : routes) {
      String where = route.provider().jurisdiction();
      assertThat(where.equals("US") || where.equals("local") || PolicyParser.EU.contains(where))
          .as(route.provider().id() + " in " + where)
          .isTrue();
      assertThat(route.provider().dataPolicy().zeroRetention()).contains(true);
      assertThat(route.provider().dataPolicy().trainsOnPrompts()).contains(false);
    }
  }

  @Test
  void noSection_isNoPolicy_scanningNothing() {
    SourcingPolicy policy = PolicyParser.parse(Json.object(), CATALOG);
    assertThat(policy.scans()).isFalse();
    for (DataClass c : DataClass.values()) {
      assertThat(policy.rule(c).requirements().isEmpty()).isTrue();
      assertThat(policy.rule(c).action()).isEqualTo(Action.ROUTE);
    }
  }

  @Test
  void classesLeftOut_routeAnywhere_underTheirOwnRuleName() {
    SourcingPolicy policy = PolicyFixtures.parse(RULE + "    zero_retention: true\n");
    assertThat(policy.rule(DataClass.CONFIDENTIAL).name()).isEqualTo("policy.classes.confidential");
    assertThat(policy.rule(DataClass.CONFIDENTIAL).requirements().isEmpty()).isTrue();
    assertThat(policy.rule(DataClass.REGULATED).requirements().zeroRetention()).isTrue();
    assertThat(policy.rule(DataClass.REGULATED).action()).as("the default").isEqualTo(Action.ROUTE);
  }

  @Test
  void eu_expandsToTheMemberStates_andCodesAreUpperCased() {
    SourcingPolicy policy =
        PolicyFixtures.parse(
            RULE + "    jurisdictions: [EU, us, local]\n    model_origins: [eu]\n");
    Requirements r = policy.rule(DataClass.REGULATED).requirements();
    assertThat(r.jurisdictions().orElseThrow())
        .hasSize(27 + 2)
        .contains("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU")
        .contains("IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES")
        .contains("SE", "US", "local")
        .doesNotContain("GB", "CH", "NO", "EU");
    assertThat(r.modelOrigins().orElseThrow()).hasSize(27).contains("FR").doesNotContain("US");
  }

  @Test
  void providerAndModelLists_areRead() {
    Requirements r =
        PolicyFixtures.parse(
                RULE
                    + "    providers: {allow: [us-zdr, de-zdr], deny: [cn-cheap]}\n"
                    + "    models: {allow: [pm/chat], deny: [pm/deep]}\n")
            .rule(DataClass.REGULATED)
            .requirements();
    assertThat(r.allowProviders()).contains(Set.of("us-zdr", "de-zdr"));
    assertThat(r.denyProviders()).containsExactly("cn-cheap");
    assertThat(r.allowModels()).contains(Set.of("pm/chat"));
    assertThat(r.denyModels()).containsExactly("pm/deep");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown top-level key | polcy: 1 | policy | unknown key \"polcy\"",
        "unknown class key | classes: {regulated: {jurisdiction: [US]}} | policy.classes.regulated"
            + " | unknown key \"jurisdiction\"",
        "unknown detectors key | detectors: {regions: [US]} | policy.detectors | unknown key",
        "bad class name | classes: {secret: {action: block}} | policy.classes.secret | secret",
        "bad default class | default_class: private | policy.default_class | private",
        "bad action | classes: {regulated: {action: deny}} | policy.classes.regulated.action"
            + " | route, redact or block",
        "unknown provider to allow | classes: {regulated: {providers: {allow: [us-zdr, acme]}}}"
            + " | policy.classes.regulated.providers.allow[1] | acme",
        "unknown provider to deny | classes: {regulated: {providers: {deny: [nope]}}}"
            + " | policy.classes.regulated.providers.deny[0] | nope",
        "unknown provider list key | classes: {regulated: {providers: {only: [us-zdr]}}}"
            + " | policy.classes.regulated.providers | unknown key \"only\"",
        "unknown model to allow | classes: {confidential: {models: {allow: [pm/chat, x/y]}}}"
            + " | policy.classes.confidential.models.allow[1] | x/y",
        "unknown model to deny | classes: {confidential: {models: {deny: [pm/nope]}}}"
            + " | policy.classes.confidential.models.deny[0] | pm/nope",
        "bad country code | classes: {regulated: {jurisdictions: [US, USA]}}"
            + " | policy.classes.regulated.jurisdictions[1] | USA",
        "numeric country code | classes: {regulated: {jurisdictions: ['840']}}"
            + " | policy.classes.regulated.jurisdictions[0] | 840",
        "local is no model origin | classes: {regulated: {model_origins: [US, local]}}"
            + " | policy.classes.regulated.model_origins[1] | local",
        "jurisdictions not a list | classes: {regulated: {jurisdictions: 7}}"
            + " | policy.classes.regulated.jurisdictions | ",
        "zero_retention not a boolean | classes: {regulated: {zero_retention: maybe}}"
            + " | policy.classes.regulated.zero_retention | ",
        "unknown finding type | findings: {PASSPORT: regulated} | policy.findings.PASSPORT"
            + " | unknown finding type",
        "finding mapped to a bad class | findings: {EMAIL: secret} | policy.findings.EMAIL"
            + " | secret",
        "custom type without its detector | findings: {'CUSTOM:badge': regulated}"
            + " | policy.findings.CUSTOM:badge | no detector named 'badge'",
        "zero scan budget | scan_budget: 0ms | policy.scan_budget | positive",
        "negative scan budget | scan_budget: -5ms | policy.scan_budget | ",
        "bad phone region | detectors: {phone_regions: [US, Germany]}"
            + " | policy.detectors.phone_regions[1] | ISO 3166",
        "pattern and keyword of one name | detectors: {patterns: {x: 'a+'}, keywords: {x: [b]}}"
            + " | policy.detectors.keywords.x | already",
      })
  void aBadField_isRefused_withItsPath(String what, String policy, String path, String says) {
    assertThatThrownBy(() -> PolicyFixtures.parse(policy))
        .as(what)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.getMessage()).startsWith(path);
              if (says != null) {
                assertThat(e.problem()).contains(says);
              }
            });
  }

  @Test
  void aBadRe2Pattern_isRefused_namingThePattern() {
    // RE2 has no backreferences: a pattern Java's regex would take is refused here.
    assertThatThrownBy(
            () -> PolicyFixtures.parse("detectors:\n  patterns:\n    ticket: '(a)\\1'\n"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.path()).startsWith("policy.detectors");
              assertThat(e.problem()).contains("ticket").contains("RE2");
            });
    assertThatThrownBy(() -> PolicyFixtures.parse("detectors:\n  patterns:\n    open: '(abc'\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("open");
  }

  @Test
  void aBadRe2Pattern_isRefused_atThePatternsOwnPath() {
    assertThatThrownBy(
            () -> PolicyFixtures.parse("detectors:\n  patterns:\n    ticket: '(a)\\1'\n"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.path()).isEqualTo("policy.detectors.patterns.ticket"));
  }

  @Test
  void aBadKeywordList_isRefused() {
    assertThatThrownBy(
            () -> PolicyFixtures.parse("detectors:\n  keywords:\n    codenames: [bluebird, '']\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("policy.detectors")
        .hasMessageContaining("codenames");
    assertThatThrownBy(
            () -> PolicyFixtures.parse("detectors:\n  keywords:\n    'bad name': [bluebird]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("policy.detectors");
  }

  @Test
  void customFindings_mapOnlyWithTheirDetector() {
    SourcingPolicy policy =
        PolicyFixtures.parse(
            "detectors:\n"
                + "  patterns: {employee_id: 'EMP-[0-9]{6}'}\n"
                + "  keywords: {codenames: [bluebird]}\n"
                + "findings:\n"
                + "  'CUSTOM:employee_id': regulated\n"
                + "  'CUSTOM:codenames': internal\n");
    assertThat(policy.scans()).isTrue();
  }

  @Test
  void anEmptyClassRule_isRefused() {
    assertThatThrownBy(() -> PolicyFixtures.parse("classes:\n  regulated: block\n"))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.path()).isEqualTo("policy.classes.regulated"));
  }

  @Test
  void theSectionMustBeAMapping() {
    assertThatThrownBy(() -> PolicyParser.parse(yaml("[a, b]"), CATALOG))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.path()).isEqualTo("policy"));
  }
}
