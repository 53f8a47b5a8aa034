package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingFixtures.planner;
import static dev.switchboard.routing.RoutingFixtures.providers;
import static dev.switchboard.routing.RoutingFixtures.request;
import static dev.switchboard.routing.RoutingFixtures.routing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.config.Config;
import dev.switchboard.health.HealthView;
import dev.switchboard.wire.ChatRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default order (health, price, inverse-square spread) and every way a client reorders. */
class RoutePlannerOrderTest {
  private static final int DRAWS = 20_000;

  /** How often each provider came first over {@link #DRAWS} plans, as shares. */
  private static Map<String, Double> firstShares(RoutePlanner planner, ChatRequest request) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < DRAWS; i++) {
      counts.merge(providers(planner.plan(request)).getFirst(), 1, Integer::sum);
    }
    Map<String, Double> shares = new HashMap<>();
    counts.forEach((id, n) -> shares.put(id, n / (double) DRAWS));
    return shares;
  }

  @Test
  void spread_drawsTheFirstPickByInverseSquarePrice() {
    // lab/vision: alpha blends 4.00, beta 8.00; a 100% spread puts both in play, 1/16 : 1/64.
    RoutePlanner planner = planner(routing("spread_percent: 100"), HealthView.NONE, 42);
    Map<String, Double> shares = firstShares(planner, request("lab/vision", ""));
    assertThat(shares.get("alpha")).isCloseTo(0.8, within(0.015));
    assertThat(shares.get("beta")).isCloseTo(0.2, within(0.015));
  }

  @Test
  void spread_sharesOnlyAmongDeploymentsWithinThePercent_andKeepsTheRestInPriceOrder() {
    // alpha and beta blend 5.00, gamma 5.06 (1.2% more), delta 10.00 (outside 5%).
    Map<String, Double> shares = firstShares(planner(), request("lab/chat", ""));
    double gammaWeight = 1 / (5.06 * 5.06);
    double even = 1 / 25.0;
    double total = 2 * even + gammaWeight;
    assertThat(shares.get("alpha")).isCloseTo(even / total, within(0.015));
    assertThat(shares.get("beta")).isCloseTo(even / total, within(0.015));
    assertThat(shares.get("gamma")).isCloseTo(gammaWeight / total, within(0.015));
    assertThat(shares).doesNotContainKey("delta");
    assertThat(providers(planner().plan(request("lab/chat", "")))).endsWith("delta");
  }

  @Test
  void productionRandom_spreadsToo() {
    RoutePlanner planner =
        new RoutePlanner(
            RoutingFixtures.CATALOG,
            new ModelAliases(Map.of()),
            routing("spread_percent: 100"),
            true,
            HealthView.NONE);
    Map<String, Double> shares = firstShares(planner, request("lab/vision", ""));
    assertThat(shares.get("alpha")).isCloseTo(0.8, within(0.03));
  }

  @Test
  void noSpread_atZeroPercent_whenPricesDiffer() {
    RoutePlanner planner = planner(routing("spread_percent: 0"), HealthView.NONE, 3);
    assertThat(firstShares(planner, request("lab/vision", ""))).containsOnlyKeys("alpha");
  }

  @Test
  void sortOrOrder_disableTheSpread() {
    RoutePlanner planner = planner();
    for (int i = 0; i < 200; i++) {
      assertThat(
              providers(planner.plan(request("lab/chat", "\"provider\": {\"sort\": \"price\"}"))))
          .containsExactly("alpha", "beta", "gamma", "delta");
      assertThat(
              providers(
                  planner.plan(
                      request("lab/chat", "\"provider\": {\"order\": [\"delta\", \"gamma\"]}"))))
          .containsExactly("delta", "gamma", "alpha", "beta");
    }
  }

  @Test
  void unavailableDeployments_goLast_neverRemoved() {
    FakeHealth health = new FakeHealth().eject("lab/chat@alpha").eject("lab/chat@beta");
    RoutePlanner planner = planner(Config.Routing.defaults(), health, 5);
    for (int i = 0; i < 50; i++) {
      assertThat(providers(planner.plan(request("lab/chat", ""))))
          .containsExactly("gamma", "delta", "alpha", "beta");
    }
    assertThat(
            providers(
                planner.plan(
                    request("lab/chat", "\"provider\": {\"order\": [\"alpha\", \"delta\"]}"))))
        .as("an ejected deployment goes last even when ordered")
        .containsExactly("delta", "gamma", "alpha", "beta");
  }

  @Test
  void eachDeployment_isAskedOncePerPlan_becauseAskingClaimsAProbe() {
    FakeHealth health = new FakeHealth().eject("lab/chat@beta").eject("lab/chat@delta");
    RoutePlanner planner = planner(Config.Routing.defaults(), health, 5);
    for (String provider : List.of("", "\"provider\": {\"order\": [\"delta\"]}")) {
      planner.plan(request("lab/chat", provider));
      assertThat(health.askedAndReset())
          .as(provider)
          .containsOnlyKeys("lab/chat@alpha", "lab/chat@beta", "lab/chat@gamma", "lab/chat@delta")
          .allSatisfy((key, times) -> assertThat(times).as(key).isEqualTo(1));
    }
  }

  @Test
  void sortByThroughput_putsMeasuredFastestFirst_unmeasuredAfterByPrice() {
    FakeHealth health =
        new FakeHealth().measured("lab/chat@delta", 100, 300).measured("lab/chat@beta", 50, 900);
    RoutePlanner planner = planner(Config.Routing.defaults(), health, 5);
    assertThat(
            providers(
                planner.plan(request("lab/chat", "\"provider\": {\"sort\": \"throughput\"}"))))
        .containsExactly("delta", "beta", "alpha", "gamma");
    assertThat(providers(planner.plan(request("lab/chat:nitro", ""))))
        .as(":nitro sorts by throughput")
        .containsExactly("delta", "beta", "alpha", "gamma");
    assertThat(
            providers(planner.plan(request("lab/chat", "\"provider\": {\"sort\": \"latency\"}"))))
        .containsExactly("delta", "beta", "alpha", "gamma");
    health.measured("lab/chat@gamma", 10, 100);
    assertThat(
            providers(
                planner.plan(
                    request("lab/chat", "\"provider\": {\"sort\": {\"by\": \"latency\"}}"))))
        .containsExactly("gamma", "delta", "beta", "alpha");
  }

  @Test
  void floorVariant_sortsByPrice_withoutSpread() {
    RoutePlanner planner = planner();
    for (int i = 0; i < 100; i++) {
      assertThat(providers(planner.plan(request("lab/chat:floor", ""))))
          .containsExactly("alpha", "beta", "gamma", "delta");
      assertThat(providers(planner.plan(request("chat:floor", ""))))
          .as("an alias with a variant")
          .containsExactly("alpha", "beta", "gamma", "delta");
    }
  }

  @Test
  void preferredThresholds_moveMissesToTheBack_withoutRemovingThem() {
    FakeHealth health =
        new FakeHealth()
            .measured("lab/chat@alpha", 20, 400)
            .measured("lab/chat@beta", 80, 2500)
            .measured("lab/chat@delta", 90, 300);
    RoutePlanner planner = planner(Config.Routing.defaults(), health, 5);
    List<String> slowLast =
        providers(
            planner.plan(
                request(
                    "lab/chat",
                    "\"provider\": {\"sort\": \"price\", \"preferred_min_throughput\": 50}")));
    assertThat(slowLast)
        .as("gamma is unmeasured: it cannot miss")
        .containsExactly("beta", "gamma", "delta", "alpha");
    List<String> laggyLast =
        providers(
            planner.plan(
                request(
                    "lab/chat",
                    "\"provider\": {\"sort\": \"price\", \"preferred_max_latency\": {\"p90\": 1.5}}")));
    // p90 is twice p50 in FakeHealth: beta 5 s misses, alpha 0.8 s and delta 0.6 s meet it.
    assertThat(laggyLast).containsExactly("alpha", "gamma", "delta", "beta");
    List<String> byNumber =
        providers(
            planner.plan(
                request(
                    "lab/chat",
                    "\"provider\": {\"sort\": \"price\", \"preferred_max_latency\": 1}")));
    assertThat(byNumber).containsExactly("alpha", "gamma", "delta", "beta");
  }
}
