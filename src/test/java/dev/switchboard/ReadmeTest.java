package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.autoroute.AutoPool;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.config.EnvInterpolation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration example in the README is valid, so the README stays true. */
class ReadmeTest {
  @Test
  void theReadmeConfigExampleLoads() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int section = readme.indexOf("## Configuration");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = readme.substring(start, readme.indexOf("```", start));
    Map<String, String> env = Map.of("MY_DEEPSEEK_KEY", "sk-test");
    Config config = Config.parse(yaml, env);
    Catalog catalog =
        Catalog.load(
            EnvInterpolation.apply(Catalog.shippedTree(), env, "catalog"), config.catalog());
    assertThat(config.server().port()).isEqualTo(8080);
    assertThat(AutoPool.of(config.routing().auto(), catalog).quality()).isEqualTo(0.5);
    assertThat(catalog.provider("deepseek").orElseThrow().apiKey()).hasValue("sk-test");
    assertThat(catalog.deploymentsOf("openai/gpt-oss-20b"))
        .extracting(d -> d.providerId())
        .containsExactly("ollama");
    assertThat(catalog.deploymentsOf("deepseek/deepseek-v3.2"))
        .extracting(d -> d.providerId())
        .doesNotContain("deepinfra");
    // Its routing ceiling and presets are valid for this catalog (the gateway checks at start).
    new dev.switchboard.routing.RoutePlanner(
        catalog,
        new dev.switchboard.routing.ModelAliases(config.aliases()),
        config.routing(),
        true,
        dev.switchboard.health.HealthView.NONE);
    assertThat(config.routing().presets()).containsKey("coding");
    // Its policy is valid for this catalog, and it scans.
    assertThat(dev.switchboard.policy.PolicyParser.parse(config.policy(), catalog).scans())
        .isTrue();
    assertThat(config.routing().firstTokenTimeout("deepseek/deepseek-v3.2")).hasSeconds(60);
  }
}
