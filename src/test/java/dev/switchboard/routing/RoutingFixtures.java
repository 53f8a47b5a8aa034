package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogException;
import dev.switchboard.config.Config;
import dev.switchboard.config.ConfigNode;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.health.HealthView;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * A small real catalog for routing tests, and requests parsed by the OpenAI format as a client
 * sends them. Prices (input/output per million, blended 3:1): lab/chat at alpha 1/2 (5.00), beta
 * 1/2 (5.00), gamma 1.02/2 (5.06, within 5%), delta 2/4 (10.00), and unkeyed 0.1/0.1 (no API key).
 */
final class RoutingFixtures {
  static final String YAML =
      """
      models:
        - {id: lab/chat, name: Chat, author: Lab, origin_country: US, context_length: 200000,
           input_modalities: [text], output_modalities: [text], created: 2025-06-01,
           supported_parameters: [tools, tool_choice, temperature, top_p, max_tokens, stop, seed,
             response_format, reasoning]}
        - {id: lab/vision, name: Vision, author: Lab, origin_country: US, context_length: 128000,
           input_modalities: [text, image], output_modalities: [text], created: 2025-06-01,
           supported_parameters: [tools, max_tokens, temperature]}
        - {id: lab/small, name: Small, author: Lab, origin_country: FR, context_length: 16000,
           input_modalities: [text], output_modalities: [text], created: 2025-06-01,
           supported_parameters: [max_tokens]}
        - {id: lab/orphan, name: Orphan, author: Lab, origin_country: US, context_length: 8000,
           input_modalities: [text], output_modalities: [text], created: 2025-06-01,
           supported_parameters: [max_tokens]}
      providers:
        - {id: alpha, name: Alpha, format: openai, base_url: "http://alpha", api_key: ka,
           jurisdiction: US,
           data_policy: {retains_prompts: false, trains_on_prompts: false, zero_retention: true}}
        - {id: beta, name: Beta, format: openai, base_url: "http://beta", api_key: kb,
           jurisdiction: US,
           data_policy: {retains_prompts: true, trains_on_prompts: false, zero_retention: false}}
        - {id: gamma, name: Gamma, format: openai, base_url: "http://gamma", api_key: kg,
           jurisdiction: DE}
        - {id: delta, name: Delta, format: anthropic, base_url: "http://delta", api_key: kd,
           jurisdiction: FR, data_policy: {retains_prompts: false, trains_on_prompts: false}}
        - {id: unkeyed, name: Unkeyed, format: openai, base_url: "http://unkeyed",
           api_key: "${UNSET_KEY}", jurisdiction: US}
      deployments:
        - {model: lab/chat, provider: alpha, upstream_model: chat, quantization: fp8,
           context_length: 64000, price: {input: 1, output: 2}}
        - {model: lab/chat, provider: beta, upstream_model: chat, quantization: bf16,
           price: {input: 1, output: 2}}
        - {model: lab/chat, provider: gamma, upstream_model: chat, quantization: fp8,
           supported_parameters: [max_tokens, temperature], price: {input: 1.02, output: 2}}
        - {model: lab/chat, provider: delta, upstream_model: chat, quantization: fp4,
           price: {input: 2, output: 4}}
        - {model: lab/chat, provider: unkeyed, upstream_model: chat, price: {input: 0.1, output: 0.1}}
        - {model: lab/vision, provider: alpha, upstream_model: v, price: {input: 1, output: 1}}
        - {model: lab/vision, provider: beta, upstream_model: v, price: {input: 2, output: 2}}
        - {model: lab/small, provider: gamma, upstream_model: s, price: {input: 0.5, output: 0.5}}
        - {model: lab/small, provider: delta, upstream_model: s, price: {input: 0.4, output: 0.4}}
        - {model: lab/small, provider: unkeyed, upstream_model: s, price: {input: 0.1, output: 0.1}}
        - {model: lab/orphan, provider: unkeyed, upstream_model: o, price: {input: 0.1, output: 0.1}}
      """;

  static final Catalog CATALOG = catalog(YAML);

  private RoutingFixtures() {}

  static Catalog catalog(String yaml) {
    return Catalog.load(
        EnvInterpolation.apply(
            ConfigNode.readYaml(yaml, "test", CatalogException::new), Map.of(), "test"),
        Json.object());
  }

  /** The routing section of a config written in YAML (indented under routing:). */
  static Config.Routing routing(String routingYaml) {
    String indented =
        routingYaml.lines().map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
    return Config.parse("routing:\n" + indented, Map.of()).routing();
  }

  /** A planner over the fixture catalog with a seeded spread. */
  static RoutePlanner planner(Config.Routing routing, HealthView health, long seed) {
    return new RoutePlanner(
        CATALOG,
        new ModelAliases(Map.of("chat", "lab/chat")),
        routing,
        true,
        health,
        new SplittableRandom(seed));
  }

  static RoutePlanner planner() {
    return planner(Config.Routing.defaults(), HealthView.NONE, 1);
  }

  /** An OpenAI chat request: {@code extra} is more top-level JSON fields ("" for none). */
  static ChatRequest request(String model, String extra) {
    return requestOf(
        "{\"model\":\""
            + model
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there.\"}]"
            + (extra.isEmpty() ? "" : "," + extra)
            + "}");
  }

  /** An OpenAI chat request body, parsed. */
  static ChatRequest requestOf(String body) {
    try {
      return WireFormats.find("openai")
          .orElseThrow()
          .parseRequest(
              new IngressRequest(
                  "/v1/chat/completions", Map.of(), body.getBytes(StandardCharsets.UTF_8)));
    } catch (WireException e) {
      throw new AssertionError(body, e);
    }
  }

  static List<String> providers(List<Route> routes) {
    return routes.stream().map(r -> r.deployment().providerId()).toList();
  }

  static List<String> keys(List<Route> routes) {
    return routes.stream().map(r -> r.deployment().key()).toList();
  }

  /** Planning {@code request} fails with {@code kind}. */
  static AbstractThrowableAssert<?, ? extends Throwable> failsWith(
      RoutePlanner planner, ChatRequest request, ErrorKind kind) {
    return assertThatThrownBy(() -> planner.plan(request))
        .isInstanceOfSatisfying(
            GatewayError.class,
            error -> org.assertj.core.api.Assertions.assertThat(error.kind()).isEqualTo(kind));
  }
}
