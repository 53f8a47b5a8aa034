package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AliasesConfigTest {
  @Test
  void aliasesKeepTheirOrder() {
    Config config =
        Config.parse("aliases:\n  claude-opus-*: z-ai/glm-5\n  claude-x: a/b\n", Map.of());
    assertThat(config.aliases().keySet()).containsExactly("claude-opus-*", "claude-x");
    assertThat(config.withUpstream(config.upstream()).aliases()).isEqualTo(config.aliases());
  }

  @Test
  void aStarInsideAnAlias_isAnErrorNamingIt() {
    assertThatThrownBy(() -> Config.parse("aliases:\n  'claude-*-opus': z-ai/glm-5\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("aliases.claude-*-opus");
  }
}
