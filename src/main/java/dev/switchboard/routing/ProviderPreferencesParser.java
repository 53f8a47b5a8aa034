package dev.switchboard.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.catalog.Deployment;
import dev.switchboard.routing.ProviderPreferences.MaxPrice;
import dev.switchboard.routing.ProviderPreferences.Sort;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads an OpenRouter {@code provider} object. Every malformed field is an error naming it; fields
 * it does not know are ignored, so a client written for a newer OpenRouter still works.
 */
final class ProviderPreferencesParser {
  /**
   * Makes the error for a bad field at {@code path} ({@code provider.sort.by}): a 400 for a client,
   * a configuration error for config.
   */
  @FunctionalInterface
  interface Problems {
    RuntimeException at(String path, String message);

    default RuntimeException field(String field, String message) {
      return at(field.isEmpty() ? "provider" : "provider." + field, message);
    }
  }

  /** A client's object: a 400 naming {@code provider.<field>}. */
  static final Problems CLIENT =
      (path, message) ->
          GatewayError.builder(ErrorKind.INVALID_REQUEST, path + ": " + message)
              .param(path)
              .build();

  /** OpenRouter's slugs for providers the catalog names otherwise. */
  private static final Map<String, String> OPENROUTER_SLUGS =
      Map.of("moonshotai", "moonshot", "z-ai", "zhipu", "google-ai-studio", "google");

  private ProviderPreferencesParser() {}

  /** A problem naming {@code where.<field>}, for the provider objects of the configuration. */
  static Problems config(String where) {
    return (path, message) ->
        new IllegalArgumentException(where + path.substring("provider".length()) + ": " + message);
  }

  static ProviderPreferences parse(JsonNode node, Problems problems) {
    if (node.isNull() || node.isMissingNode()) {
      return ProviderPreferences.NONE;
    }
    if (!node.isObject()) {
      throw problems.field("", "expected an object, got " + kind(node));
    }
    Reader r = new Reader(node, problems);
    return new ProviderPreferences(
        r.providers("order").map(set -> List.copyOf(set)),
        r.providers("only"),
        r.providers("ignore"),
        r.bool("allow_fallbacks"),
        r.bool("require_parameters"),
        r.dataCollection(),
        r.bool("zdr"),
        r.quantizations(),
        r.sort(),
        r.maxPrice(),
        r.thresholds("preferred_min_throughput"),
        r.thresholds("preferred_max_latency"),
        Set.of());
  }

  /** The catalog's id for a provider slug: lower case, base slug, OpenRouter's names mapped. */
  static String providerId(String slug) {
    String lower = slug.trim().toLowerCase(Locale.ROOT);
    int slash = lower.indexOf('/');
    String base = slash < 0 ? lower : lower.substring(0, slash);
    return OPENROUTER_SLUGS.getOrDefault(base, base);
  }

  /** Reads the fields of one object, each error naming its field. */
  private record Reader(JsonNode node, Problems problems) {
    private Optional<JsonNode> field(String name) {
      JsonNode value = node.get(name);
      return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    Optional<Boolean> bool(String name) {
      Optional<JsonNode> value = field(name);
      if (value.isPresent() && !value.get().isBoolean()) {
        throw problems.field(name, "expected true or false, got " + kind(value.get()));
      }
      return value.map(JsonNode::booleanValue);
    }

    Optional<Set<String>> providers(String name) {
      return strings(name).map(list -> map(list));
    }

    private static Set<String> map(List<String> slugs) {
      Set<String> ids = new LinkedHashSet<>();
      slugs.forEach(slug -> ids.add(providerId(slug)));
      return java.util.Collections.unmodifiableSet(ids);
    }

    Optional<List<String>> strings(String name) {
      Optional<JsonNode> value = field(name);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      if (!value.get().isArray()) {
        throw problems.field(name, "expected an array of strings, got " + kind(value.get()));
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < value.get().size(); i++) {
        JsonNode item = value.get().get(i);
        if (!item.isTextual() || item.asText().isBlank()) {
          throw problems.field(name, "entry " + i + " must be a non-empty string");
        }
        out.add(item.asText());
      }
      return Optional.of(out);
    }

    Optional<Boolean> dataCollection() {
      Optional<JsonNode> value = field("data_collection");
      if (value.isEmpty()) {
        return Optional.empty();
      }
      return switch (value.get().asText("")) {
        case "deny" -> Optional.of(true);
        case "allow" -> Optional.of(false);
        default -> throw problems.field("data_collection", "expected \"allow\" or \"deny\"");
      };
    }

    Optional<Set<String>> quantizations() {
      Optional<List<String>> names = strings("quantizations");
      for (String name : names.orElse(List.of())) {
        if (!Deployment.QUANTIZATIONS.contains(name)) {
          throw problems.field(
              "quantizations",
              "unknown quantization \"" + name + "\"; expected " + Deployment.QUANTIZATIONS);
        }
      }
      return names.map(Set::copyOf);
    }

    Optional<Sort> sort() {
      Optional<JsonNode> value = field("sort");
      if (value.isEmpty()) {
        return Optional.empty();
      }
      if (value.get().isTextual()) {
        return Optional.of(Sort.of(by("sort", value.get().asText())));
      }
      if (!value.get().isObject()) {
        throw problems.field(
            "sort", "expected \"price\", \"throughput\", \"latency\" or {by, partition}");
      }
      Sort.By by = by("sort.by", value.get().path("by").asText(""));
      return switch (value.get().path("partition").asText("model")) {
        case "model" -> Optional.of(new Sort(by, true));
        case "none" -> Optional.of(new Sort(by, false));
        default -> throw problems.field("sort.partition", "expected \"model\" or \"none\"");
      };
    }

    private Sort.By by(String field, String name) {
      return switch (name) {
        case "price" -> Sort.By.PRICE;
        case "throughput" -> Sort.By.THROUGHPUT;
        case "latency" -> Sort.By.LATENCY;
        default ->
            throw problems.field(
                field,
                "expected \"price\", \"throughput\" or \"latency\", got \"" + clip(name) + "\"");
      };
    }

    MaxPrice maxPrice() {
      Optional<JsonNode> value = field("max_price");
      if (value.isEmpty()) {
        return MaxPrice.NONE;
      }
      if (!value.get().isObject()) {
        throw problems.field("max_price", "expected an object {prompt, completion}");
      }
      // request, image and audio are priced at nothing in our catalog: any limit is met.
      for (String free : List.of("request", "image", "audio")) {
        usd("max_price." + free, value.get().get(free));
      }
      return new MaxPrice(
          usd("max_price.prompt", value.get().get("prompt")),
          usd("max_price.completion", value.get().get("completion")));
    }

    /** USD per million tokens as micro-dollars per million, rounded down (a limit, not a bill). */
    private OptionalLong usd(String field, JsonNode value) {
      if (value == null || value.isNull()) {
        return OptionalLong.empty();
      }
      BigDecimal usd;
      try {
        usd = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText("x").trim());
      } catch (NumberFormatException e) {
        throw problems.field(field, "expected a number of USD per million tokens");
      }
      if (usd.signum() < 0 || usd.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
        throw problems.field(field, "expected 0 or more USD per million tokens, got " + usd);
      }
      return OptionalLong.of(
          usd.movePointRight(6).setScale(0, RoundingMode.FLOOR).longValueExact());
    }

    Optional<Thresholds> thresholds(String name) {
      Optional<JsonNode> value = field(name);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      if (value.get().isNumber()) {
        return Optional.of(Thresholds.p50(number(name, value.get())));
      }
      if (!value.get().isObject()) {
        throw problems.field(name, "expected a number or an object {p50, p75, p90, p99}");
      }
      Thresholds t =
          new Thresholds(
              percentile(name, "p50"),
              percentile(name, "p75"),
              percentile(name, "p90"),
              percentile(name, "p99"));
      if (t.p50().isEmpty() && t.p75().isEmpty() && t.p90().isEmpty() && t.p99().isEmpty()) {
        throw problems.field(name, "expected at least one of p50, p75, p90, p99");
      }
      return Optional.of(t);
    }

    private OptionalDouble percentile(String name, String key) {
      JsonNode value = node.get(name).get(key);
      return value == null || value.isNull()
          ? OptionalDouble.empty()
          : OptionalDouble.of(number(name + "." + key, value));
    }

    private double number(String field, JsonNode value) {
      if (!value.isNumber() || value.doubleValue() < 0 || !Double.isFinite(value.doubleValue())) {
        throw problems.field(field, "expected a number of 0 or more, got " + kind(value));
      }
      return value.doubleValue();
    }
  }

  private static String kind(JsonNode value) {
    return value.isTextual() ? "a string" : value.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String clip(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
