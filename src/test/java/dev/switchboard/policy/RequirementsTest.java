package dev.switchboard.policy;

import static dev.switchboard.policy.PolicyFixtures.CATALOG;
import static dev.switchboard.policy.PolicyFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.catalog.Model;
import dev.switchboard.config.Config;
import dev.switchboard.health.HealthView;
import dev.switchboard.routing.ModelAliases;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.RouteFilter;
import dev.switchboard.routing.RoutePlanner;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A class's requirements as a route filter: each field refuses under its own label, unknown counts
 * as the most restrictive answer, and the planner applies them to every route it plans.
 */
class RequirementsTest {
  private static final String RULE = "classes:\n  regulated:\n";

  private static Requirements rule(String fields) {
    return PolicyFixtures.parse(RULE + fields).rule(DataClass.REGULATED).requirements();
  }

  private static Model model(String id) {
    return CATALOG.model(id).orElseThrow();
  }

  private static Optional<String> refusal(Requirements r, String model, String provider) {
    return r.refusal(model(model), route(model, provider));
  }

  @Test
  void eachField_refusesUnderItsOwnLabel() {
    String p = "policy.classes.regulated.";
    assertThat(refusal(rule("    providers: {allow: [us-zdr]}\n"), "pm/chat", "de-zdr"))
        .contains(p + "providers.allow");
    assertThat(refusal(rule("    providers: {deny: [de-zdr]}\n"), "pm/chat", "de-zdr"))
        .contains(p + "providers.deny");
    assertThat(refusal(rule("    models: {allow: [pm/spare]}\n"), "pm/chat", "de-zdr"))
        .contains(p + "models.allow");
    assertThat(refusal(rule("    models: {deny: [pm/chat]}\n"), "pm/chat", "de-zdr"))
        .contains(p + "models.deny");
    assertThat(refusal(rule("    jurisdictions: [US]\n"), "pm/chat", "de-zdr"))
        .contains(p + "jurisdictions (processed in DE)");
    assertThat(refusal(rule("    model_origins: [US]\n"), "pm/spare", "fr-zdr"))
        .contains(p + "model_origins (model from FR)");
    assertThat(refusal(rule("    zero_retention: true\n"), "pm/chat", "cn-cheap"))
        .contains(p + "zero_retention");
    assertThat(refusal(rule("    no_training: true\n"), "pm/chat", "cn-cheap"))
        .contains(p + "no_training");
  }

  @Test
  void aDeploymentMeetingEveryField_isNotRefused() {
    Requirements all =
        rule(
            "    jurisdictions: [EU]\n    model_origins: [US]\n    zero_retention: true\n"
                + "    no_training: true\n    providers: {allow: [de-zdr], deny: [cn-cheap]}\n"
                + "    models: {allow: [pm/chat], deny: [pm/deep]}\n");
    assertThat(refusal(all, "pm/chat", "de-zdr")).isEmpty();
    assertThat(refusal(all, "pm/chat", "fr-zdr"))
        .contains("policy.classes.regulated.providers.allow");
  }

  @Test
  void anUnknownJurisdiction_isInNoAllowedSet() {
    Requirements usOrEu = rule("    jurisdictions: [US, EU, SG, local]\n");
    Route unplaced = route("pm/chat", PolicyFixtures.unplaced("nowhere"));
    assertThat(usOrEu.refusal(model("pm/chat"), unplaced))
        .contains("policy.classes.regulated.jurisdictions (processed in an unknown place)");
    assertThat(usOrEu.refusal(model("pm/chat"), route("pm/chat", "nowhere")))
        .as("the same provider, placed in SG")
        .isEmpty();
    assertThat(rule("    zero_retention: true\n").refusal(model("pm/chat"), unplaced))
        .as("no jurisdiction demanded: anywhere, unknown included")
        .isEmpty();
  }

  @Test
  void local_allowsYourOwnMachines_andOnlyThem() {
    dev.switchboard.catalog.Provider p = CATALOG.provider("us-zdr").orElseThrow();
    dev.switchboard.catalog.Provider local =
        new dev.switchboard.catalog.Provider(
            p.id(), p.name(), p.format(), p.baseUrl(), p.apiKey(), "local", p.dataPolicy());
    assertThat(
            rule("    jurisdictions: [local]\n").refusal(model("pm/chat"), route("pm/chat", local)))
        .isEmpty();
    assertThat(refusal(rule("    jurisdictions: [local]\n"), "pm/chat", "us-zdr"))
        .contains("policy.classes.regulated.jurisdictions (processed in US)");
    assertThat(rule("    jurisdictions: [US]\n").refusal(model("pm/chat"), route("pm/chat", local)))
        .contains("policy.classes.regulated.jurisdictions (processed in local)");
  }

  @Test
  void unpublishedDataTerms_countAsRetainingAndTraining() {
    assertThat(refusal(rule("    zero_retention: true\n"), "pm/chat", "us-open"))
        .contains("policy.classes.regulated.zero_retention");
    assertThat(refusal(rule("    no_training: true\n"), "pm/chat", "us-open"))
        .contains("policy.classes.regulated.no_training");
    assertThat(refusal(rule("    no_training: true\n"), "pm/chat", "us-zdr")).isEmpty();
    assertThat(refusal(rule("    zero_retention: false\n"), "pm/chat", "us-open"))
        .as("false demands nothing")
        .isEmpty();
  }

  @Test
  void deepSeekOnAUsHost_canBeAllowed_orRefused() {
    // pm/deep's weights come from CN; us-zdr hosts it in the US.
    Requirements whereProcessed = rule("    jurisdictions: [US]\n");
    assertThat(refusal(whereProcessed, "pm/deep", "us-zdr")).as("allowed").isEmpty();
    assertThat(refusal(whereProcessed, "pm/deep", "cn-cheap"))
        .contains("policy.classes.regulated.jurisdictions (processed in CN)");

    Requirements whoTrained = rule("    jurisdictions: [US]\n    model_origins: [US, FR]\n");
    assertThat(refusal(whoTrained, "pm/deep", "us-zdr"))
        .as("refused for its origin, although hosted in the US")
        .contains("policy.classes.regulated.model_origins (model from CN)");
    assertThat(refusal(whoTrained, "pm/chat", "us-zdr")).isEmpty();
  }

  @Test
  void noDemands_isEmpty_andTheDecisionFiltersNothing() {
    Requirements none = Requirements.none("policy.classes.public");
    assertThat(none.isEmpty()).isTrue();
    assertThat(refusal(none, "pm/chat", "cn-cheap")).isEmpty();
    assertThat(rule("    no_training: true\n").isEmpty()).isFalse();
    assertThat(rule("    action: block\n").isEmpty()).as("an action is no demand").isTrue();
    assertThat(PolicyDecision.UNCLASSIFIED.filter()).isSameAs(RouteFilter.NONE);
  }

  @Test
  void thePlanner_keepsOnlyEligibleRoutes_onTheModelAndItsFallbacks() {
    Requirements regulated =
        rule("    jurisdictions: [US, EU]\n    zero_retention: true\n    no_training: true\n");
    RoutePlanner planner = planner();
    List<Route> routes =
        planner.plan(
            PolicyFixtures.parsed(
                "openai",
                "{\"model\":\"pm/cn-only\",\"models\":[\"pm/spare\",\"pm/chat\"],"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
            regulated);
    assertThat(routes)
        .extracting(r -> r.deployment().modelId() + "@" + r.provider().id())
        .containsExactly("pm/spare@fr-zdr", "pm/chat@us-zdr", "pm/chat@de-zdr", "pm/chat@fr-zdr");
  }

  @Test
  void thePlanner_nothingEligible_isA404NamingTheRule() {
    Requirements regulated = rule("    jurisdictions: [US, EU]\n    zero_retention: true\n");
    assertThatThrownBy(() -> planner().plan(PolicyFixtures.openAi("pm/cn-only", "hi"), regulated))
        .isInstanceOfSatisfying(
            GatewayError.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.NO_ENDPOINTS);
              assertThat(e.kind().status()).isEqualTo(404);
              assertThat(e.safeMessage())
                  .contains("pm/cn-only")
                  .contains("policy.classes.regulated.jurisdictions (processed in CN)")
                  .contains("cn-cheap");
            });
  }

  private static RoutePlanner planner() {
    return new RoutePlanner(
        CATALOG, new ModelAliases(Map.of()), Config.Routing.defaults(), true, HealthView.NONE);
  }
}
