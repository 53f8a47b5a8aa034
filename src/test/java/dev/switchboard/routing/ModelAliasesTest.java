package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelAliasesTest {
  @Test
  void claudeCodesDefaultNames_reachTheCatalogsClaude() {
    ModelAliases aliases = new ModelAliases(Map.of());
    assertThat(aliases.resolve("claude-opus-5-5")).hasValue("anthropic/claude-opus-4.6");
    assertThat(aliases.resolve("claude-sonnet-4-5-20250929"))
        .hasValue("anthropic/claude-sonnet-4.6");
    assertThat(aliases.resolve("gpt-4o")).isEmpty();
  }

  @Test
  void aConfiguredAlias_replacesAShippedOne_andExactBeatsPrefix() {
    ModelAliases aliases =
        new ModelAliases(
            Map.of(
                "claude-opus-*", "moonshotai/kimi-k2.5",
                "claude-opus-5-5", "z-ai/glm-5",
                "claude-opus-4-*", "anthropic/claude-opus-4.6"));
    assertThat(aliases.resolve("claude-opus-5-5")).hasValue("z-ai/glm-5");
    assertThat(aliases.resolve("claude-opus-5-1")).hasValue("moonshotai/kimi-k2.5");
    assertThat(aliases.resolve("claude-opus-4-6"))
        .as("longest prefix")
        .hasValue("anthropic/claude-opus-4.6");
  }
}
