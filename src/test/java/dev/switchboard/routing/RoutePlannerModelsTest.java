package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingFixtures.CATALOG;
import static dev.switchboard.routing.RoutingFixtures.failsWith;
import static dev.switchboard.routing.RoutingFixtures.keys;
import static dev.switchboard.routing.RoutingFixtures.planner;
import static dev.switchboard.routing.RoutingFixtures.request;
import static dev.switchboard.routing.RoutingFixtures.routing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.health.HealthView;
import dev.switchboard.wire.ErrorKind;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The models fallback list, partitioning, presets and aliases. */
class RoutePlannerModelsTest {
  private static final String PRESETS =
      """
      presets:
        cheap:
          models: [lab/small, chat]
          provider: {only: [gamma, alpha], sort: price}
        vision:
          model: lab/vision
      """;

  @Test
  void models_areTriedInOrder_afterTheFirstModelsDeployments() {
    assertThat(
            keys(
                planner()
                    .plan(
                        request(
                            "lab/small",
                            "\"models\": [\"lab/chat:floor\", \"lab/small\"], \"provider\": {\"sort\": \"price\"}"))))
        .containsExactly(
            "lab/small@delta",
            "lab/small@gamma",
            "lab/chat@alpha",
            "lab/chat@beta",
            "lab/chat@gamma",
            "lab/chat@delta");
  }

  @Test
  void partitionNone_sortsAllModelsDeploymentsTogether() {
    String sort = "\"provider\": {\"sort\": {\"by\": \"price\", \"partition\": \"none\"}}";
    assertThat(keys(planner().plan(request("lab/chat", "\"models\": [\"lab/small\"]," + sort))))
        .containsExactly(
            "lab/small@delta",
            "lab/small@gamma",
            "lab/chat@alpha",
            "lab/chat@beta",
            "lab/chat@gamma",
            "lab/chat@delta");
    assertThat(
            keys(
                planner()
                    .plan(
                        request(
                            "lab/chat",
                            "\"models\": [\"lab/small\"], \"provider\": {\"sort\": {\"by\": \"price\"}}"))))
        .as("partition by model (the default) keeps the first model first")
        .startsWith("lab/chat@alpha");
  }

  @Test
  void fallbackModel_servesWhenTheFirstModelIsFilteredOut() {
    String image =
        "{\"model\":\"lab/chat\",\"models\":[\"lab/vision\"],\"messages\":[{\"role\":\"user\","
            + "\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":"
            + "\"data:image/png;base64,iVBORw0KGgo=\"}}]}]}";
    assertThat(keys(planner().plan(RoutingFixtures.requestOf(image))))
        .containsExactly("lab/vision@alpha", "lab/vision@beta");
    failsWith(
            planner(),
            RoutingFixtures.requestOf(image.replace("lab/vision", "lab/small")),
            ErrorKind.NO_ENDPOINTS)
        .hasMessage(
            "no deployment of 'lab/chat' is eligible: image input removed alpha, beta, gamma,"
                + " delta; no API key configured for unkeyed; nor of 'lab/small' is eligible:"
                + " image input removed delta, gamma; no API key configured for unkeyed");
  }

  @Test
  void aliases_workInTheModelsList() {
    assertThat(keys(planner().plan(request("lab/small", "\"models\": [\"chat\"]"))))
        .hasSize(6)
        .endsWith("lab/chat@delta");
  }

  @Test
  void preset_suppliesModelsAndProviderDefaults() {
    RoutePlanner planner = planner(routing(PRESETS), HealthView.NONE, 1);
    assertThat(keys(planner.plan(request("@preset/cheap", ""))))
        .containsExactly("lab/small@gamma", "lab/chat@alpha", "lab/chat@gamma");
    assertThat(keys(planner.plan(request("@preset/vision", "")))).hasSize(2);
  }

  @Test
  void requestProviderFields_overrideThePresets() {
    RoutePlanner planner = planner(routing(PRESETS), HealthView.NONE, 1);
    assertThat(
            keys(planner.plan(request("@preset/cheap", "\"provider\": {\"only\": [\"delta\"]}"))))
        .containsExactly("lab/small@delta", "lab/chat@delta");
    assertThat(keys(planner.plan(request("@preset/cheap", "\"models\": [\"lab/vision\"]"))))
        .as("the request's models follow the preset's")
        .endsWith("lab/vision@alpha");
  }

  @Test
  void preset_staysWithinTheCeiling() {
    RoutePlanner planner =
        planner(routing(PRESETS + "provider: {ignore: [gamma]}"), HealthView.NONE, 1);
    assertThat(keys(planner.plan(request("@preset/cheap", "")))).containsExactly("lab/chat@alpha");
  }

  @Test
  void unknownPreset_isModelNotFound() {
    failsWith(planner(), request("@preset/nope", ""), ErrorKind.MODEL_NOT_FOUND)
        .hasMessage("preset 'nope' is not configured (routing.presets)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "presets: {bad: {model: lab/none}}                   | routing.presets.bad: model 'lab/none' is not in the catalog",
        "presets: {bad: {provider: {only: [alpha]}}}         | routing.presets.bad: needs a model or models",
        "presets: {bad: {models: [\"@preset/other\"]}}       | routing.presets.bad: a preset cannot name another preset",
        "presets: {bad: {model: lab/chat, provider: {sort: size}}} | routing.presets.bad.provider.sort: expected",
        "provider: {zdr: maybe}                              | routing.provider.zdr: expected true or false",
      })
  void invalidConfiguration_failsAtConstruction_namingIt(String yaml, String message) {
    assertThatThrownBy(() -> planner(routing(yaml), HealthView.NONE, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void oldConstructors_keepWorking_cheapestFirstWithinTheSpread() {
    RoutePlanner planner = new RoutePlanner(CATALOG, new ModelAliases(Map.of()), true);
    assertThat(RoutingFixtures.providers(planner.plan("lab/vision")))
        .containsExactly("alpha", "beta");
    assertThat(RoutingFixtures.providers(new RoutePlanner(CATALOG).plan("lab/small")))
        .containsExactly("delta", "gamma");
  }
}
