package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogException;
import dev.switchboard.wire.Json;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which first-token timeout a model's streams get: configured, else the catalog's, else 30 s. */
class FirstTokenTimeoutsTest {
  private static final Catalog SHIPPED = Catalog.load(Catalog.shippedTree(), Json.object());

  @Test
  void modelsThatReasonSilently_shipLongerTimeouts() {
    assertThat(SHIPPED.firstTokenTimeouts())
        .containsEntry("openai/gpt-5", Duration.ofSeconds(180))
        .containsEntry("google/gemini-2.5-flash", Duration.ofSeconds(60))
        .doesNotContainKey("deepseek/deepseek-v3.2");
  }

  @Test
  void theConfiguredTimeoutWins_thenTheCatalogs_thenTheDefault() {
    Config config = Config.parse("routing: {first_token_timeouts: {openai/gpt-5: 600s}}", Map.of());
    Config.Routing routing = config.routing().withModelDefaults(SHIPPED.firstTokenTimeouts());

    assertThat(routing.firstTokenTimeout("openai/gpt-5")).isEqualTo(Duration.ofSeconds(600));
    assertThat(routing.firstTokenTimeout("openai/gpt-5-mini")).isEqualTo(Duration.ofSeconds(120));
    assertThat(routing.firstTokenTimeout("deepseek/deepseek-v3.2"))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aCatalogTimeoutMustBePositive() {
    assertThatThrownBy(
            () ->
                Catalog.load(
                    Catalog.shippedTree(),
                    Json.yaml().readTree("models: [{id: openai/gpt-5, first_token_timeout: 0s}]")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("first_token_timeout");
  }
}
