package dev.switchboard.insight.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogException;
import dev.switchboard.config.Config;
import dev.switchboard.wire.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The energy constants and electricity table come from the catalog, and a config overrides them.
 */
class EnergyConstantsTest {
  @Test
  void shippedConstantsAndTable() {
    Catalog catalog = Catalog.load(Catalog.shippedTree(), Json.object());
    assertThat(catalog.energy().utilization()).isEqualTo(0.3);
    assertThat(catalog.energy().defaultActiveParams()).isEqualTo(100_000_000_000L);
    EnergyModel model = new EnergyModel(catalog);
    assertThat(model.activeParams("deepseek/deepseek-v3.2")).isEqualTo(37_000_000_000L);
    assertThat(model.activeParams("anthropic/claude-opus-4.6")).isEqualTo(100_000_000_000L);
    assertThat(model.pricing().grid("US").priceUsdPerKwh()).isEqualTo(0.081);
    assertThat(model.pricing().grid("ZZ").country()).isEqualTo("WORLD");
  }

  @Test
  void aConfigOverridesAConstant_andACountry() {
    Config config =
        Config.parse(
            "catalog:\n"
                + "  energy: {utilization: 0.6}\n"
                + "  electricity:\n"
                + "    - {country: US, price_usd_per_kwh: 0.05, grid_g_per_kwh: 300}\n"
                + "    - {country: FI, price_usd_per_kwh: 0.06, grid_g_per_kwh: 30}\n",
            Map.of());
    Catalog catalog = Catalog.load(Catalog.shippedTree(), config.catalog());
    assertThat(catalog.energy().utilization()).isEqualTo(0.6);
    assertThat(catalog.energy().pue()).as("the rest stays").isEqualTo(1.2);
    EnergyPricing pricing = new EnergyModel(catalog).pricing();
    assertThat(pricing.grid("US").gramsCo2PerKwh()).isEqualTo(300);
    assertThat(pricing.grid("FI").priceUsdPerKwh()).isCloseTo(0.06, within(1e-12));
    assertThat(pricing.grid("CN").priceUsdPerKwh()).isEqualTo(0.089);
  }

  @Test
  void refusesAnImpossibleConstant() {
    Config config = Config.parse("catalog:\n  energy: {utilization: 1.5}\n", Map.of());
    assertThatThrownBy(() -> Catalog.load(Catalog.shippedTree(), config.catalog()))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("utilization");
  }
}
