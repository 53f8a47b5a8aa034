package dev.switchboard.autoroute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Deployment;
import dev.switchboard.catalog.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The models {@code switchboard/auto} chooses among ({@code routing.auto} in the configuration):
 * the strong tier, for prompts the router scores as needing it, and the weak tier, cheapest first,
 * for the rest; and the quality a request gets when it does not ask for one. By default the strong
 * tier is Claude Opus 4.6 and the weak tier the open-weight models of the catalog; a catalog
 * without them leaves a tier empty, and the router then picks from the other.
 */
public record AutoPool(List<String> strong, List<String> weak, double quality) {
  /** The configuration section's keys. */
  static final List<String> KEYS = List.of("strong", "weak", "quality");

  static final List<String> DEFAULT_STRONG = List.of("anthropic/claude-opus-4.6");

  /** Prompt-weighted: three prompt tokens to one completion token, as agent traffic runs. */
  private static final long PROMPT_SHARE = 3_000_000;

  private static final long COMPLETION_SHARE = 1_000_000;

  public AutoPool {
    strong = List.copyOf(strong);
    weak = List.copyOf(weak);
    if (!(quality >= 0 && quality <= 1)) {
      throw new IllegalArgumentException("routing.auto.quality: expected 0 to 1, got " + quality);
    }
  }

  /** Every model of the pool, the strong tier first. */
  public List<String> all() {
    List<String> all = new ArrayList<>(strong);
    all.addAll(weak);
    return all;
  }

  /**
   * The pool configured by {@code section} (an empty object: the defaults), over {@code catalog}.
   * The weak tier is kept cheapest first whatever order it was written in.
   *
   * @throws IllegalArgumentException naming the setting that is wrong: an unknown key or model, a
   *     model in both tiers, a quality outside 0 to 1
   */
  public static AutoPool of(JsonNode section, Catalog catalog) {
    section
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(
                    "routing.auto." + key + ": unknown setting; expected one of " + KEYS);
              }
            });
    List<String> strong = models(section, "strong", catalog).orElse(DEFAULT_STRONG);
    List<String> weak =
        models(section, "weak", catalog).orElseGet(() -> openWeights(catalog, strong));
    for (String model : weak) {
      if (strong.contains(model)) {
        throw new IllegalArgumentException(
            "routing.auto.weak: " + model + " is in the strong tier too");
      }
    }
    JsonNode quality = section.path("quality");
    if (!quality.isMissingNode() && !quality.isNumber()) {
      throw new IllegalArgumentException("routing.auto.quality: expected a number from 0 to 1");
    }
    return new AutoPool(
        strong,
        cheapestFirst(weak, catalog),
        quality.isNumber() ? quality.asDouble() : AutoOptions.DEFAULT_QUALITY);
  }

  private static java.util.Optional<List<String>> models(
      JsonNode section, String key, Catalog catalog) {
    JsonNode list = section.path(key);
    if (list.isMissingNode()) {
      return java.util.Optional.empty();
    }
    if (!list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException("routing.auto." + key + ": expected a list of model ids");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode id : list) {
      if (!id.isTextual() || catalog.model(id.asText()).isEmpty()) {
        throw new IllegalArgumentException(
            "routing.auto." + key + ": " + id + " is not a model of the catalog");
      }
      ids.add(id.asText());
    }
    return java.util.Optional.of(ids);
  }

  private static List<String> openWeights(Catalog catalog, List<String> strong) {
    return catalog.models().stream()
        .filter(Model::openWeights)
        .map(Model::id)
        .filter(id -> !strong.contains(id))
        .toList();
  }

  private static List<String> cheapestFirst(List<String> models, Catalog catalog) {
    return models.stream()
        .sorted(
            Comparator.comparingLong((String id) -> listPrice(id, catalog)).thenComparing(id -> id))
        .toList();
  }

  /** The model's cheapest deployment, in pico-dollars for 3M prompt and 1M completion tokens. */
  static long listPrice(String model, Catalog catalog) {
    long cheapest = Long.MAX_VALUE;
    for (Deployment d : catalog.deploymentsOf(model)) {
      long picos =
          d.prices().input().picosFor(PROMPT_SHARE)
              + d.prices().output().picosFor(COMPLETION_SHARE);
      cheapest = Math.min(cheapest, picos);
    }
    return cheapest;
  }
}
