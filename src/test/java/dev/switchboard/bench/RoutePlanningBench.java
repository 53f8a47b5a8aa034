package dev.switchboard.bench;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogException;
import dev.switchboard.catalog.Deployment;
import dev.switchboard.catalog.Provider;
import dev.switchboard.config.Config;
import dev.switchboard.config.ConfigNode;
import dev.switchboard.health.DeploymentStatus;
import dev.switchboard.health.HealthView;
import dev.switchboard.health.Percentiles;
import dev.switchboard.health.WindowStats;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.routing.ModelAliases;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.RoutePlanner;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of planning one request over a synthetic catalog of 20 deployments of one model: a plain
 * request, one with a full {@code provider} object (parsed on every plan, as in production), and,
 * as a same-run baseline, the planner before OpenRouter steering (price sort per request). Run with
 * bench/routing.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutePlanningBench {
  private static final String MODEL = "bench/model";
  private static final List<String> QUANTIZATIONS = List.of("fp8", "bf16", "fp4", "unknown");

  private Catalog catalog;
  private RoutePlanner planner;
  private ChatRequest plain;
  private ChatRequest steered;

  @Setup
  public void setUp() throws WireException {
    catalog =
        Catalog.load(
            ConfigNode.readYaml(catalogYaml(), "bench", CatalogException::new), Json.object());
    planner =
        new RoutePlanner(
            catalog, new ModelAliases(Map.of()), Config.Routing.defaults(), true, health(catalog));
    plain = request("");
    steered =
        request(
            ",\"provider\":{\"only\":[\"p00\",\"p01\",\"p02\",\"p03\",\"p04\",\"p05\",\"p06\","
                + "\"p07\",\"p08\",\"p09\",\"p10\",\"p11\",\"p12\",\"p13\"],\"ignore\":[\"p03\","
                + "\"p07\"],\"sort\":\"throughput\",\"max_price\":{\"prompt\":5,\"completion\":15},"
                + "\"quantizations\":[\"fp8\",\"bf16\",\"unknown\"],"
                + "\"preferred_min_throughput\":40,\"preferred_max_latency\":{\"p90\":3}}");
    check();
  }

  /** Checks the benchmark plans what it claims: 20 routes plain, 9 survive the provider object. */
  private void check() {
    if (planner.plan(plain).size() != 20 || planner.plan(steered).size() != 9) {
      throw new IllegalStateException("the synthetic catalog no longer plans 20 and 9 routes");
    }
  }

  @Benchmark
  public List<Route> plainRequest() {
    return planner.plan(plain);
  }

  @Benchmark
  public List<Route> fullProviderObject() {
    return planner.plan(steered);
  }

  /** The planner as it was before this change: per-request lookups and a price sort. */
  @Benchmark
  public List<Route> baselineBeforeSteering() {
    List<Route> routes = new ArrayList<>();
    for (Deployment deployment : catalog.deploymentsOf(plain.model())) {
      Optional<Provider> provider = catalog.provider(deployment.providerId());
      Optional<WireFormat> format = provider.flatMap(p -> WireFormats.find(p.format()));
      if (provider.isPresent() && format.isPresent() && provider.get().configured()) {
        routes.add(
            new Route(
                deployment,
                provider.get(),
                format.get(),
                true,
                deployment.effectiveContextLength(catalog.model(MODEL).orElseThrow())));
      }
    }
    routes.sort(
        Comparator.comparingLong(
            route ->
                3 * route.deployment().prices().input().microsPerMillion()
                    + route.deployment().prices().output().microsPerMillion()));
    return List.copyOf(routes);
  }

  /** 20 providers p00..p19 serving one model at prices 1.00..2.90 in, 3x out; mixed policies. */
  private static String catalogYaml() {
    StringBuilder yaml =
        new StringBuilder(
            "models:\n  - {id: "
                + MODEL
                + ", name: Bench, author: Bench, origin_country: US, context_length: 131072,"
                + " input_modalities: [text], output_modalities: [text], created: 2025-06-01,"
                + " supported_parameters: [tools, tool_choice, temperature, max_tokens]}\nproviders:\n");
    for (int i = 0; i < 20; i++) {
      yaml.append(
          String.format(
              "  - {id: p%02d, name: P%02d, format: openai, base_url: \"http://p%02d\", api_key: k,"
                  + " jurisdiction: US, data_policy: {retains_prompts: %b, trains_on_prompts:"
                  + " false}}%n",
              i, i, i, i % 3 == 0));
    }
    yaml.append("deployments:\n");
    for (int i = 0; i < 20; i++) {
      String input = String.format("%d.%02d", 1 + i / 10, (i % 10) * 10);
      yaml.append(
          String.format(
              "  - {model: %s, provider: p%02d, upstream_model: m, quantization: %s,"
                  + " price: {input: %s, output: %s}}%n",
              MODEL,
              i,
              QUANTIZATIONS.get(i % 4),
              input,
              new java.math.BigDecimal(input).multiply(java.math.BigDecimal.valueOf(3))));
    }
    return yaml.toString();
  }

  /** Every deployment measured: throughput 20..115 tokens/s, first token 200..1150 ms at p50. */
  private static HealthView health(Catalog catalog) {
    Map<String, DeploymentStatus> statuses = new HashMap<>();
    int i = 0;
    for (Deployment d : catalog.deploymentsOf(MODEL)) {
      double tps = 20 + 5 * i;
      double ttft = 200 + 50 * ((i * 7) % 20);
      WindowStats stats =
          new WindowStats(
              100,
              1,
              0,
              0.99,
              new Percentiles(ttft, ttft * 1.5, ttft * 2, ttft * 3),
              Percentiles.UNKNOWN,
              new Percentiles(tps, tps / 1.2, tps / 1.5, tps / 2));
      statuses.put(
          d.key(),
          new DeploymentStatus(
              d.key(), DeploymentStatus.State.HEALTHY, 0, Optional.empty(), stats, stats));
      i++;
    }
    return new HealthView() {
      @Override
      public boolean available(String key) {
        return true;
      }

      @Override
      public DeploymentStatus status(String key) {
        return statuses.getOrDefault(key, DeploymentStatus.unknown(key));
      }
    };
  }

  private static ChatRequest request(String extra) throws WireException {
    String body =
        "{\"model\":\""
            + MODEL
            + "\",\"max_tokens\":1024,\"messages\":[{\"role\":\"system\",\"content\":\"You are"
            + " terse.\"},{\"role\":\"user\",\"content\":\"Plan a route for me.\"}]"
            + extra
            + "}";
    return WireFormats.find("openai")
        .orElseThrow()
        .parseRequest(
            new IngressRequest(
                "/v1/chat/completions", Map.of(), body.getBytes(StandardCharsets.UTF_8)));
  }
}
