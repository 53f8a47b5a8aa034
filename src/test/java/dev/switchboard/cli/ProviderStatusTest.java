package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What serve says at start about each provider's credentials, from the real shipped catalog. */
class ProviderStatusTest {
  private static final String SECRET = "sk-deepseek-secret-value";
  @TempDir Path dir;

  @Test
  void namesEachProvidersStatus_andTheVariableToSet_neverTheKey() throws Exception {
    Path config = dir.resolve("switchboard.yaml");
    Files.writeString(
        config, "catalog:\n  providers:\n    - {id: moonshot, api_key: \"${MY_MOONSHOT_KEY}\"}\n");
    Setup setup = Setup.load(config, Map.of("DEEPSEEK_API_KEY", SECRET));

    List<String> lines = ProviderStatus.lines(setup);
    assertThat(line(lines, "deepseek")).endsWith("credentials set");
    assertThat(line(lines, "openai")).endsWith("skipped: OPENAI_API_KEY is not set");
    assertThat(line(lines, "moonshot")).endsWith("skipped: MY_MOONSHOT_KEY is not set");
    assertThat(line(lines, "ollama")).endsWith("no key needed");
    assertThat(line(lines, "anthropic")).endsWith("skipped: ANTHROPIC_API_KEY is not set");
    assertThat(lines).hasSize(setup.catalog().providers().size());
    assertThat(String.join("\n", lines)).doesNotContain(SECRET);

    assertThat(ProviderStatus.warnings(setup))
        .containsExactly(
            "warning: "
                + config
                + ": catalog.providers[0].api_key uses ${MY_MOONSHOT_KEY}, which is not set;"
                + " provider moonshot has no key");
  }

  @Test
  void noWarnings_whenTheConfigNamesNoUnsetVariable() {
    Setup setup = Setup.load(Setup.DEFAULT_CONFIG, Map.of());
    assertThat(ProviderStatus.warnings(setup)).isEmpty();
  }

  private static String line(List<String> lines, String provider) {
    return lines.stream()
        .filter(l -> l.strip().startsWith(provider + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + provider + " in " + lines));
  }
}
