package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingFixtures.keys;
import static dev.switchboard.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.wire.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Over the shipped catalog with every provider keyed, a plain request (and one with tools) plans
 * the same deployments as the model alone: the implicit filters only remove real misfits.
 */
class RoutePlannerShippedCatalogTest {
  private static final Catalog SHIPPED =
      Catalog.load(
              EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "shipped"), Json.object())
          .withProviders(p -> p.withApiKey("test-key"));
  private static final String TOOLS =
      "\"max_tokens\": 4096, \"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\","
          + "\"parameters\":{\"type\":\"object\"}}}]";

  @Test
  void everyModel_plansAllItsDeployments_forPlainAndToolRequests() {
    RoutePlanner planner = new RoutePlanner(SHIPPED);
    for (Model model : SHIPPED.models()) {
      assertThat(keys(planner.plan(request(model.id(), ""))))
          .as(model.id())
          .containsExactlyInAnyOrderElementsOf(keys(planner.plan(model.id())));
      assertThat(keys(planner.plan(request(model.id(), TOOLS))))
          .as(model.id() + " with tools")
          .containsExactlyInAnyOrderElementsOf(keys(planner.plan(model.id())));
    }
  }

  @Test
  void deepseek_tooLongForOneProvider_fallsToTheOther() {
    RoutePlanner planner = new RoutePlanner(SHIPPED);
    // deepseek's own API declares 128K; DeepInfra serves the model's full 163,840.
    assertThat(
            RoutingFixtures.providers(
                planner.plan(request("deepseek/deepseek-v3.2", "\"max_tokens\": 140000"))))
        .containsExactly("deepinfra");
  }
}
