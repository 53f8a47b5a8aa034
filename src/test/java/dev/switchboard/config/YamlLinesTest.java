package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Finding the line of a field path in YAML text, so a config error can point at it. */
class YamlLinesTest {
  private static final String YAML =
      """
      server:
        port: 8080
      policy:
        default_class: public
        classes:
          regulated:
            jurisdictions:
              - US
              - EU
            providers: {deny: [deepinfra, together]}
          public:
            action: route
      catalog:
        deployments:
          - model: deepseek/deepseek-v3.2
            provider: deepseek
          - {model: openai/gpt-5, provider: openai}
      aliases:
        deepseek/deepseek-v3.2: x
        deepseek: y
        deepseek/deepseek-v3.2.nested:
          inner: 1
      """;

  private static OptionalInt line(String path) {
    return YamlLines.lineOf(YAML, path);
  }

  @Test
  void nestedKeys_areFoundOnTheirOwnLine() {
    assertThat(line("server")).hasValue(1);
    assertThat(line("server.port")).hasValue(2);
    assertThat(line("policy.default_class")).hasValue(4);
    assertThat(line("policy.classes.regulated")).hasValue(6);
    assertThat(line("policy.classes.public.action")).hasValue(12);
  }

  @Test
  void listIndexes_pointAtTheItem() {
    assertThat(line("policy.classes.regulated.jurisdictions")).hasValue(7);
    assertThat(line("policy.classes.regulated.jurisdictions[0]")).hasValue(8);
    assertThat(line("policy.classes.regulated.jurisdictions[1]")).hasValue(9);
    assertThat(line("policy.classes.regulated.providers.deny[1]")).hasValue(10);
    assertThat(line("catalog.deployments[0].provider")).hasValue(16);
    assertThat(line("catalog.deployments[1]")).hasValue(17);
    assertThat(line("catalog.deployments[1].provider")).hasValue(17);
  }

  @Test
  void keysWithDots_likeModelIds_areMatchedWhole_longestFirst() {
    assertThat(line("aliases.deepseek/deepseek-v3.2")).hasValue(19);
    assertThat(line("aliases.deepseek")).hasValue(20);
    assertThat(line("aliases.deepseek/deepseek-v3.2.nested.inner")).hasValue(22);
  }

  @Test
  void aMissingPath_givesTheDeepestPartFound_orNothing() {
    assertThat(line("policy.classes.confidential"))
        .as("the deepest part found: classes")
        .hasValue(5);
    assertThat(line("policy.classes.regulated.jurisdictions[7]")).hasValue(7);
    assertThat(line("policy.classes.regulated.jurisdictions[x]")).hasValue(7);
    assertThat(line("nowhere.at.all")).isEmpty();
    assertThat(line("")).isEmpty();
  }

  @Test
  void badOrEmptyYaml_hasNoLines() {
    assertThat(YamlLines.lineOf("a: [unclosed", "a")).isEmpty();
    assertThat(YamlLines.lineOf("", "a")).isEmpty();
    assertThat(YamlLines.lineOf("- a\n- b\n", "a")).isEmpty();
    assertThat(YamlLines.lineOf("- a\n- b\n", "[1]")).hasValue(2);
  }
}
