package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.Config;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.money.Price;
import dev.switchboard.wire.Json;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogTest {
  private static final JsonNode SHIPPED =
      EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "shipped");
  private static final Catalog CATALOG = Catalog.load(SHIPPED, Json.object());

  /** (model, provider, input, output, cache read, 5-minute cache write, 1-hour cache write). */
  static Stream<Arguments> listPrices() {
    return Stream.of(
        Arguments.of("minimax/minimax-m2.5", "minimax", "0.30", "1.20", "0.03", "0.30", "0.30"),
        Arguments.of("moonshotai/kimi-k2.5", "moonshot", "0.60", "3.00", "0.10", "0.60", "0.60"),
        Arguments.of("z-ai/glm-5", "zhipu", "1.00", "3.20", "0.20", "1.00", "1.00"),
        Arguments.of("deepseek/deepseek-v3.2", "deepseek", "0.28", "0.42", "0.028", "0.28", "0.28"),
        Arguments.of("qwen/qwen3.5-397b-a17b", "alibaba", "0.60", "3.60", "0.60", "0.60", "0.60"),
        // https://platform.claude.com/docs/en/about-claude/pricing: writes 1.25x / 2x, reads 0.1x
        Arguments.of("anthropic/claude-opus-4.6", "anthropic", "5", "25", "0.50", "6.25", "10"),
        Arguments.of("anthropic/claude-sonnet-4.6", "anthropic", "3", "15", "0.30", "3.75", "6"),
        Arguments.of("openai/gpt-5", "openai", "1.25", "10", "0.125", "1.25", "1.25"),
        Arguments.of("openai/gpt-5-mini", "openai", "0.25", "2", "0.025", "0.25", "0.25"),
        Arguments.of("google/gemini-2.5-pro", "google", "1.25", "10", "0.125", "1.25", "1.25"),
        Arguments.of("google/gemini-2.5-flash", "google", "0.30", "2.50", "0.03", "0.30", "0.30"));
  }

  @ParameterizedTest
  @MethodSource("listPrices")
  void shippedCatalog_hasEachModelAtItsFirstPartyListPrice(
      String model,
      String provider,
      String input,
      String output,
      String cached,
      String write5m,
      String write1h) {
    assertThat(CATALOG.model(model)).as(model).isPresent();
    Deployment d =
        CATALOG
            .deployment(model, provider)
            .orElseThrow(() -> new AssertionError(model + " is not deployed at " + provider));
    assertThat(d.prices())
        .isEqualTo(
            new PriceSheet(
                Price.perMillion(input),
                Price.perMillion(output),
                Price.perMillion(cached),
                Price.perMillion(write5m),
                Price.perMillion(write1h)));
  }

  @Test
  void shippedPrices_areExactMicroDollars() {
    Deployment deepseek = CATALOG.deploymentsOf("deepseek/deepseek-v3.2").getFirst();
    assertThat(deepseek.prices().input().microsPerMillion()).isEqualTo(280_000);
    assertThat(deepseek.prices().cachedInput().microsPerMillion()).isEqualTo(28_000);
    assertThat(deepseek.upstreamModel()).isEqualTo("deepseek-chat");
  }

  @Test
  void shippedCatalog_isConsistent() {
    assertThat(CATALOG.models()).hasSizeGreaterThanOrEqualTo(11);
    for (Deployment d : CATALOG.deployments()) {
      assertThat(CATALOG.model(d.modelId())).as(d.modelId()).isPresent();
      assertThat(CATALOG.provider(d.providerId())).as(d.providerId()).isPresent();
      assertThat(d.prices().cachedInput().microsPerMillion())
          .as("cache reads never cost more than input at %s", d)
          .isLessThanOrEqualTo(d.prices().input().microsPerMillion());
      assertThat(d.prices().cacheWrite5m().microsPerMillion())
          .as("no provider discounts cache writes: %s", d)
          .isGreaterThanOrEqualTo(d.prices().input().microsPerMillion())
          .isLessThanOrEqualTo(d.prices().cacheWrite1h().microsPerMillion());
    }
    for (Model m : CATALOG.models()) {
      assertThat(CATALOG.deploymentsOf(m.id())).as("%s has a deployment", m.id()).isNotEmpty();
      assertThat(m.created()).as(m.id()).isGreaterThan(1_700_000_000L);
      assertThat(m.supportedParameters()).as(m.id()).contains("tools", "max_tokens");
    }
  }

  @Test
  void shippedCatalog_offersSeveralModelsAtSeveralProviders() {
    long multi =
        CATALOG.models().stream().filter(m -> CATALOG.deploymentsOf(m.id()).size() >= 2).count();
    assertThat(multi).isGreaterThanOrEqualTo(4);
    assertThat(CATALOG.deploymentsOf("moonshotai/kimi-k2.5"))
        .extracting(Deployment::providerId)
        .containsExactly("moonshot", "together", "fireworks", "deepinfra");
  }

  @Test
  void shippedModels_carryAuthorCountryAndParameters() {
    Model deepseek = CATALOG.model("deepseek/deepseek-v3.2").orElseThrow();
    assertThat(deepseek.originCountry()).isEqualTo("CN");
    assertThat(deepseek.openWeights()).isTrue();
    assertThat(deepseek.totalParams()).isEqualTo(OptionalLong.of(671_000_000_000L));
    assertThat(deepseek.activeParams()).isEqualTo(OptionalLong.of(37_000_000_000L));
    assertThat(deepseek.created()).isEqualTo(1_764_547_200L); // 2025-12-01T00:00Z
    assertThat(CATALOG.model("moonshotai/kimi-k2.5").orElseThrow().totalParams())
        .isEqualTo(OptionalLong.of(1_000_000_000_000L));
    Model gpt5 = CATALOG.model("openai/gpt-5").orElseThrow();
    assertThat(gpt5.originCountry()).isEqualTo("US");
    assertThat(gpt5.totalParams()).isEmpty();
    assertThat(gpt5.supports("temperature")).isFalse();
  }

  @Test
  void shippedProviders_needKeysFromEnvironment_exceptOllama() {
    assertThat(CATALOG.providers())
        .filteredOn(Provider::configured)
        .extracting(Provider::id)
        .containsExactly("ollama");
    Provider ollama = CATALOG.provider("ollama").orElseThrow();
    assertThat(ollama.local()).isTrue();
    assertThat(ollama.dataPolicy().zeroRetention()).contains(true);
    assertThat(CATALOG.provider("anthropic").orElseThrow().format()).isEqualTo("anthropic");
    assertThat(CATALOG.provider("google").orElseThrow().format()).isEqualTo("gemini");

    JsonNode withKey =
        EnvInterpolation.apply(
            Catalog.shippedTree(), Map.of("DEEPSEEK_API_KEY", "sk-1"), "shipped");
    Provider deepseek = Catalog.load(withKey, Json.object()).provider("deepseek").orElseThrow();
    assertThat(deepseek.apiKey()).contains("sk-1");
    assertThat(deepseek.configured()).isTrue();
    assertThat(deepseek.toString()).doesNotContain("sk-1");
  }

  @Test
  void override_mergesFieldsIntoAnExistingProvider() {
    Catalog c =
        load(
            """
        catalog:
          providers:
            - id: deepseek
              api_key: ${MY_KEY}
              base_url: https://proxy.example/v1/
              data_policy: {zero_retention: true}
        """,
            Map.of("MY_KEY", "sk-mine"));
    Provider p = c.provider("deepseek").orElseThrow();
    assertThat(p.apiKey()).contains("sk-mine");
    assertThat(p.baseUrl()).isEqualTo("https://proxy.example/v1");
    assertThat(p.name()).isEqualTo("DeepSeek");
    assertThat(p.dataPolicy())
        .as("zero_retention merged into the shipped policy")
        .isEqualTo(new DataPolicy(Optional.of(true), Optional.of(true), Optional.of(true)));
  }

  @Test
  void override_changesOnePrice_andKeepsTheOthers() {
    Catalog c =
        load(
            """
        catalog:
          deployments:
            - {model: deepseek/deepseek-v3.2, provider: deepseek, price: {output: "0.40"}}
        """,
            Map.of());
    PriceSheet prices = c.deploymentsOf("deepseek/deepseek-v3.2").getFirst().prices();
    assertThat(prices)
        .isEqualTo(
            new PriceSheet(
                Price.perMillion("0.28"),
                Price.perMillion("0.40"),
                Price.perMillion("0.028"),
                Price.perMillion("0.28"),
                Price.perMillion("0.28")));
  }

  @Test
  void override_setsCacheWritePrices_andEachDefaultsToInput() {
    Catalog c =
        load(
            """
        catalog:
          deployments:
            - {model: deepseek/deepseek-v3.2, provider: deepseek, price: {cache_write: "0.35"}}
            - {model: z-ai/glm-5, provider: zhipu, price: {cache_write_1h: 2}}
        """,
            Map.of());
    PriceSheet deepseek = c.deploymentsOf("deepseek/deepseek-v3.2").getFirst().prices();
    assertThat(deepseek.cacheWrite5m()).isEqualTo(Price.perMillion("0.35"));
    assertThat(deepseek.cacheWrite1h()).isEqualTo(Price.perMillion("0.28"));
    PriceSheet glm = c.deployment("z-ai/glm-5", "zhipu").orElseThrow().prices();
    assertThat(glm.cacheWrite5m()).isEqualTo(Price.perMillion("1.00"));
    assertThat(glm.cacheWrite1h()).isEqualTo(Price.perMillion("2"));
  }

  @Test
  void override_addsAProviderAndADeployment() {
    Catalog c =
        load(
            """
        catalog:
          providers:
            - {id: vllm, name: Our vLLM, format: openai, base_url: "http://gpu-1:8000/v1", auth: none,
               jurisdiction: DE, data_policy: {zero_retention: true}}
          deployments:
            - {model: z-ai/glm-5, provider: vllm, upstream_model: zai-org/GLM-5-FP8,
               price: {input: 0, output: 0}}
        """,
            Map.of());
    assertThat(c.provider("vllm").orElseThrow().configured()).isTrue();
    assertThat(c.deploymentsOf("z-ai/glm-5"))
        .last()
        .extracting(Deployment::providerId)
        .isEqualTo("vllm");
    assertThat(c.providers().getLast().id()).isEqualTo("vllm");
  }

  @Test
  void override_disablingAnEntry_removesItAndItsDeployments() {
    Catalog c =
        load(
            """
        catalog:
          providers: [{id: deepinfra, enabled: false}]
          models: [{id: openai/gpt-5-mini, enabled: false}]
          deployments: [{model: z-ai/glm-5, provider: together, enabled: false}]
        """,
            Map.of());
    assertThat(c.provider("deepinfra")).isEmpty();
    assertThat(c.deployments()).noneMatch(d -> d.providerId().equals("deepinfra"));
    assertThat(c.model("openai/gpt-5-mini")).isEmpty();
    assertThat(c.deploymentsOf("openai/gpt-5-mini")).isEmpty();
    assertThat(c.deploymentsOf("z-ai/glm-5"))
        .extracting(Deployment::providerId)
        .containsExactly("zhipu");
  }

  @Test
  void withProviders_rewritesEveryProvider_andKeepsIds() {
    Catalog demo =
        CATALOG.withProviders(
            p -> p.withBaseUrl("http://127.0.0.1:9999/" + p.id()).withApiKey("demo"));
    assertThat(demo.providers()).allSatisfy(p -> assertThat(p.configured()).isTrue());
    assertThat(demo.provider("openai").orElseThrow().baseUrl())
        .isEqualTo("http://127.0.0.1:9999/openai");
    assertThat(demo.deployments()).isEqualTo(CATALOG.deployments());
    assertThat(CATALOG.provider("openai").orElseThrow().configured()).isFalse();
    assertThatThrownBy(
            () ->
                CATALOG.withProviders(
                    p ->
                        new Provider(
                            "x",
                            p.name(),
                            p.format(),
                            p.baseUrl(),
                            p.apiKey(),
                            p.jurisdiction(),
                            p.dataPolicy())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> invalidOverrides() {
    return Stream.of(
        Arguments.of(
            "deployments: [{model: x/y, provider: deepseek, upstream_model: m, price: {input: 1, output: 1}}]",
            "catalog.deployments[0].model: no model has id \"x/y\""),
        Arguments.of(
            "deployments: [{model: z-ai/glm-5, provider: nobody, upstream_model: m, price: {input: 1, output: 1}}]",
            "catalog.deployments[0].provider: no provider has id \"nobody\""),
        Arguments.of(
            "deployments: [{model: z-ai/glm-5, provider: zhipu, price: {input: 0.0000001}}]",
            "catalog.deployments[0].price.input: expected USD per million tokens in whole micro-dollars"),
        Arguments.of(
            "deployments: [{model: z-ai/glm-5, provider: zhipu, price: {output: -1}}]",
            "catalog.deployments[0].price.output: a price cannot be negative"),
        Arguments.of(
            "deployments: [{model: z-ai/glm-5, provider: zhipu, price: {input: cheap}}]",
            "catalog.deployments[0].price.input: expected a decimal number, got \"cheap\""),
        Arguments.of(
            "deployments: [{model: z-ai/glm-5, provider: zhipu, price: {inptu: 1}}]",
            "catalog.deployments[0].price: unknown key \"inptu\""),
        Arguments.of(
            "deployments: [{model: z-ai/glm-5, provider: zhipu, price: {cache_write_1h: -2}}]",
            "catalog.deployments[0].price.cache_write_1h: a price cannot be negative"),
        Arguments.of(
            "deployments: [{model: z-ai/glm-5, provider: zhipu, price: {cache_write: 0.0000001}}]",
            "catalog.deployments[0].price.cache_write: expected USD per million tokens"),
        Arguments.of(
            "deployments: [{model: z-ai/glm-5, provider: zhipu, context_length: -5}]",
            "catalog.deployments[0].context_length: expected an integer between 1"),
        Arguments.of(
            "models: [{id: z-ai/glm-5, contxt_length: 5}]",
            "catalog.models[0]: unknown key \"contxt_length\""),
        Arguments.of("models: [{id: a/b}, {id: a/b}]", "catalog.models[1]: duplicate id \"a/b\""),
        Arguments.of(
            "models: [{id: a/b, name: B, author: A, origin_country: usa, context_length: 8}]",
            "catalog.models[0].origin_country: expected an ISO 3166 alpha-2"),
        Arguments.of(
            "models: [{id: no-slash, name: B, author: A, origin_country: US, context_length: 8}]",
            "catalog.models[0].id: expected author/slug"),
        Arguments.of(
            "providers: [{id: deepseek, format: grpc}]",
            "catalog.providers[0].format: unknown format \"grpc\""),
        Arguments.of(
            "providers: [{id: p, name: P, format: openai, base_url: \"ftp://x\", jurisdiction: US}]",
            "catalog.providers[0].base_url: expected an absolute http or https URL"),
        Arguments.of(
            "providers: [{id: p, name: P, format: openai, base_url: \"http://x\"}]",
            "catalog.providers[0].jurisdiction: is required"),
        Arguments.of(
            "providers: [{id: deepseek, data_policy: {trains: false}}]",
            "catalog.providers[0].data_policy: unknown key \"trains\""),
        Arguments.of(
            "providers: [{id: deepsek, enabled: false}]",
            "catalog.providers[0]: enabled: false, but no shipped entry has id \"deepsek\""),
        Arguments.of(
            "deployments: [{provider: zhipu}]", "catalog.deployments[0].model: is required"));
  }

  @ParameterizedTest
  @MethodSource("invalidOverrides")
  void invalidOverride_isRejectedWithItsPath(String catalogYaml, String messageStart) {
    String yaml =
        "catalog:\n" + catalogYaml.lines().map(l -> "  " + l).collect(Collectors.joining("\n"));
    assertThatThrownBy(() -> load(yaml, Map.of()))
        .isInstanceOf(CatalogException.class)
        .hasMessageStartingWith(messageStart);
  }

  @Test
  void invalidShippedEntry_namesTheShippedPath() {
    JsonNode broken = SHIPPED.deepCopy();
    ((ObjectNode) broken.get("deployments").get(3).get("price")).put("input", "x");
    assertThatThrownBy(() -> Catalog.load(broken, Json.object()))
        .isInstanceOf(CatalogException.class)
        .hasMessageStartingWith("shipped.deployments[3].price.input: ");
  }

  private static Catalog load(String configYaml, Map<String, String> env) {
    return Catalog.load(SHIPPED, Config.parse(configYaml, env).catalog());
  }
}
