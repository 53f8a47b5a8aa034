package dev.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code routing:} section; the provider ceiling and presets are checked by routing, the
 * {@code auto} section by the auto router.
 */
final class RoutingConfig {
  private static final List<String> KEYS =
      List.of(
          "first_token_timeout",
          "first_token_timeouts",
          "deadline",
          "retry_budget",
          "ejection",
          "spread_percent",
          "provider",
          "presets",
          "auto");

  private RoutingConfig() {}

  static Config.Routing parse(ConfigNode node) {
    node.allowOnly(KEYS);
    Config.Routing d = Config.Routing.defaults();
    ConfigNode budget = node.object("retry_budget").orElse(null);
    ConfigNode ejection = node.object("ejection").orElse(null);
    if (budget != null) {
      budget.allowOnly(List.of("ratio", "min_per_second"));
    }
    if (ejection != null) {
      ejection.allowOnly(List.of("after_failures", "for", "at_most"));
    }
    Duration ejectFor = positive(ejection, "for").orElse(d.ejectFor());
    Duration ejectAtMost = positive(ejection, "at_most").orElse(d.ejectForAtMost());
    if (ejectAtMost.compareTo(ejectFor) < 0) {
      throw ejection.error("at_most", "must not be shorter than ejection.for");
    }
    return new Config.Routing(
        positive(node, "first_token_timeout").orElse(d.firstTokenTimeout()),
        timeouts(node),
        positive(node, "deadline").orElse(d.deadline()),
        budget == null ? d.retryRatio() : fraction(budget, "ratio", d.retryRatio()),
        budget == null
            ? d.retryMinPerSecond()
            : budget.integer("min_per_second", 0, 1_000_000).orElse(d.retryMinPerSecond()),
        ejection == null
            ? d.ejectAfter()
            : ejection.integer("after_failures", 1, 1_000).orElse(d.ejectAfter()),
        ejectFor,
        ejectAtMost,
        node.decimal("spread_percent")
            .map(
                value -> {
                  if (value.signum() < 0 || value.doubleValue() > 100) {
                    throw node.error("spread_percent", "expected 0 to 100, got " + value);
                  }
                  return value.doubleValue();
                })
            .orElse(d.spreadPercent()),
        node.object("provider").map(ConfigNode::json).orElse(d.provider()),
        presets(node),
        node.object("auto").map(ConfigNode::json).orElse(d.auto()));
  }

  private static java.util.Optional<Duration> positive(ConfigNode node, String key) {
    if (node == null) {
      return java.util.Optional.empty();
    }
    java.util.Optional<Duration> value = node.duration(key);
    if (value.isPresent() && (value.get().isZero() || value.get().isNegative())) {
      throw node.error(key, "must be longer than zero");
    }
    return value;
  }

  private static double fraction(ConfigNode node, String key, double otherwise) {
    return node.decimal(key)
        .map(
            value -> {
              if (value.signum() < 0 || value.doubleValue() > 10) {
                throw node.error(key, "expected a ratio from 0 to 10, got " + value);
              }
              return value.doubleValue();
            })
        .orElse(otherwise);
  }

  private static Map<String, Duration> timeouts(ConfigNode node) {
    Map<String, Duration> timeouts = new LinkedHashMap<>();
    node.object("first_token_timeouts")
        .ifPresent(
            models -> {
              for (String model : models.keys()) {
                timeouts.put(model, positive(models, model).orElseThrow());
              }
            });
    return timeouts;
  }

  private static Map<String, JsonNode> presets(ConfigNode node) {
    Map<String, JsonNode> presets = new LinkedHashMap<>();
    node.object("presets")
        .ifPresent(
            all -> {
              for (String name : all.keys()) {
                ConfigNode preset =
                    all.object(name).orElseThrow(() -> all.error(name, "a preset is an object"));
                preset.allowOnly(List.of("model", "models", "provider"));
                presets.put(name, preset.json());
              }
            });
    return presets;
  }
}
