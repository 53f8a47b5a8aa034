package dev.switchboard.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Named presets from configuration, used as {@code model: "@preset/<name>"}: the models to try and
 * provider defaults a request's own fields override. Validated once, when the planner is built, so
 * a bad preset stops the gateway at startup instead of failing requests.
 */
final class Presets {
  static final String PREFIX = "@preset/";

  /** One preset: its models in order, and its provider defaults. */
  record Preset(List<ModelChoice> models, ProviderPreferences provider) {}

  private final Map<String, Preset> byName;

  private Presets(Map<String, Preset> byName) {
    this.byName = byName;
  }

  /**
   * @throws IllegalArgumentException naming the preset and field of the first problem
   */
  static Presets of(Map<String, JsonNode> config, Function<String, Optional<ModelChoice>> models) {
    Map<String, Preset> byName = new LinkedHashMap<>();
    config.forEach(
        (name, node) -> {
          String where = "routing.presets." + name;
          List<ModelChoice> choices = new ArrayList<>();
          List<String> names = names(node, where);
          for (String model : names) {
            choices.add(
                models
                    .apply(model)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                where + ": model '" + model + "' is not in the catalog")));
          }
          ProviderPreferences provider =
              ProviderPreferencesParser.parse(
                  node.path("provider"), ProviderPreferencesParser.config(where + ".provider"));
          byName.put(name, new Preset(List.copyOf(choices), provider));
        });
    return new Presets(Map.copyOf(byName));
  }

  Optional<Preset> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  private static List<String> names(JsonNode node, String where) {
    List<String> names = new ArrayList<>();
    JsonNode model = node.path("model");
    if (!model.isMissingNode() && !model.isNull()) {
      if (!model.isTextual() || model.asText().isBlank()) {
        throw new IllegalArgumentException(where + ".model: expected a model id");
      }
      names.add(model.asText());
    }
    JsonNode models = node.path("models");
    if (!models.isMissingNode() && !models.isNull()) {
      if (!models.isArray()) {
        throw new IllegalArgumentException(where + ".models: expected a list of model ids");
      }
      for (JsonNode entry : models) {
        if (!entry.isTextual() || entry.asText().isBlank()) {
          throw new IllegalArgumentException(where + ".models: expected a list of model ids");
        }
        names.add(entry.asText());
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(where + ": needs a model or models");
    }
    if (names.stream().anyMatch(n -> n.startsWith(PREFIX))) {
      throw new IllegalArgumentException(where + ": a preset cannot name another preset");
    }
    return names;
  }
}
