package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AutoPoolTest {
  private static final Catalog SHIPPED =
      Catalog.load(
          EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "shipped"), Json.object());

  @Test
  void theDefaultPoolIsOpusAboveTheOpenWeightModelsCheapestFirst() {
    AutoPool pool = AutoPool.of(Json.object(), SHIPPED);

    assertThat(pool.strong()).containsExactly("anthropic/claude-opus-4.6");
    assertThat(pool.weak()).isNotEmpty().doesNotContain("anthropic/claude-opus-4.6");
    assertThat(pool.weak())
        .allSatisfy(id -> assertThat(SHIPPED.model(id).orElseThrow().openWeights()).isTrue());
    List<Long> prices = pool.weak().stream().map(id -> AutoPool.listPrice(id, SHIPPED)).toList();
    assertThat(prices).isSorted();
    assertThat(pool.quality()).isEqualTo(AutoOptions.DEFAULT_QUALITY);
  }

  @Test
  void aConfiguredPoolIsKeptCheapestFirstAndCheckedAgainstTheCatalog() {
    var section =
        Json.object()
            .put("quality", 0.3)
            .set("weak", Json.array().add("openai/gpt-5-mini").add("deepseek/deepseek-v3.2"));
    AutoPool pool = AutoPool.of(section, SHIPPED);
    assertThat(pool.quality()).isEqualTo(0.3);
    assertThat(AutoPool.listPrice(pool.weak().get(0), SHIPPED))
        .isLessThanOrEqualTo(AutoPool.listPrice(pool.weak().get(1), SHIPPED));

    assertThatThrownBy(
            () -> AutoPool.of(Json.object().set("weak", Json.array().add("acme/none")), SHIPPED))
        .hasMessageContaining("routing.auto.weak")
        .hasMessageContaining("acme/none");
    assertThatThrownBy(() -> AutoPool.of(Json.object().put("qualty", 1), SHIPPED))
        .hasMessageContaining("routing.auto.qualty");
    assertThatThrownBy(() -> AutoPool.of(Json.object().put("quality", 2), SHIPPED))
        .hasMessageContaining("routing.auto.quality");
    assertThatThrownBy(
            () ->
                AutoPool.of(
                    Json.object().set("weak", Json.array().add("anthropic/claude-opus-4.6")),
                    SHIPPED))
        .hasMessageContaining("in the strong tier too");
  }

  @Test
  void theScoreAboveOneMinusQualityGoesStrongAndATierWithoutEligibleModelsGivesWay() {
    AutoPool pool = new AutoPool(List.of("s1"), List.of("w1", "w2", "w3"), 0.5);

    AutoChoice weak = AutoChoice.choose(pool, 0.4, 0.5, "v1", id -> true).orElseThrow();
    assertThat(weak.pick()).isEqualTo("w1");
    assertThat(weak.fallbacks()).containsExactly("w2", "w3");
    assertThat(weak.version()).isEqualTo("v1");
    assertThat(weak.score()).isEqualTo(0.4);
    assertThat(AutoChoice.choose(pool, 0.6, 0.5, "v1", id -> true).orElseThrow().pick())
        .isEqualTo("s1");
    assertThat(AutoChoice.choose(pool, 0.99, 0.0, "v1", id -> true).orElseThrow().pick())
        .isEqualTo("w1");
    assertThat(AutoChoice.choose(pool, 0.0, 1.0, "v1", id -> true).orElseThrow().pick())
        .isEqualTo("s1");

    Set<String> regulated = Set.of("w2", "w3");
    AutoChoice narrowed =
        AutoChoice.choose(pool, 0.1, 0.5, "v1", regulated::contains).orElseThrow();
    assertThat(narrowed.pick()).isEqualTo("w2");
    assertThat(narrowed.fallbacks()).containsExactly("w3");
    assertThat(AutoChoice.choose(pool, 0.9, 0.5, "v1", regulated::contains).orElseThrow().pick())
        .as("no strong model is eligible: the weak tier serves rather than a refusal")
        .isEqualTo("w2");
    assertThat(AutoChoice.choose(pool, 0.9, 0.5, "v1", id -> false)).isEmpty();
  }

  @Test
  void theRequestOptionIsAQualityOrANamedTier() {
    assertThat(AutoOptions.quality(Optional.empty(), 0.4)).isEqualTo(0.4);
    assertThat(AutoOptions.quality(Optional.of(Json.object().put("quality", 0.9)), 0.4))
        .isEqualTo(0.9);
    assertThat(AutoOptions.quality(Optional.of(Json.object().put("tier", "economy")), 0.4))
        .isEqualTo(AutoOptions.TIERS.get("economy"));
    assertThat(AutoOptions.quality(Optional.of(Json.mapper().valueToTree("premium")), 0.4))
        .isEqualTo(AutoOptions.TIERS.get("premium"));

    assertThatThrownBy(
            () -> AutoOptions.quality(Optional.of(Json.object().put("quality", 1.5)), 0.4))
        .isInstanceOfSatisfying(
            GatewayError.class, e -> assertThat(e.param()).contains("auto.quality"));
    assertThatThrownBy(() -> AutoOptions.quality(Optional.of(Json.object().put("tier", "x")), 0.4))
        .hasMessageContaining("unknown tier");
    assertThatThrownBy(() -> AutoOptions.quality(Optional.of(Json.object().put("speed", 1)), 0.4))
        .hasMessageContaining("auto.speed");
  }
}
