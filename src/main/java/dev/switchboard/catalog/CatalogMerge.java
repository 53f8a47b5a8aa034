package dev.switchboard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ConfigNode;
import dev.switchboard.wire.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the user's overrides into the shipped catalog, section by section, keeping catalog order.
 * An override whose key exists deep-merges into it (objects merge, other values replace, null
 * removes); a new key appends; {@code enabled: false} removes the entry, and the deployments of a
 * removed model or provider go with it.
 */
final class CatalogMerge {
  static final String SHIPPED = "shipped";
  static final String USER = "catalog";

  /**
   * One merged entry and the path errors about it should name (the user's, once they touched it).
   */
  record Entry(ObjectNode node, String path) {}

  /** The merged sections, disabled entries already removed. */
  record Merged(
      List<Entry> models,
      List<Entry> providers,
      List<Entry> deployments,
      List<Entry> electricity,
      Entry energy) {}

  private CatalogMerge() {}

  static Merged merge(JsonNode shipped, JsonNode overrides) {
    Set<String> disabledModels = new HashSet<>();
    Set<String> disabledProviders = new HashSet<>();
    List<Entry> models = section("models", shipped, overrides, disabledModels);
    List<Entry> providers = section("providers", shipped, overrides, disabledProviders);
    List<Entry> deployments = section("deployments", shipped, overrides, new HashSet<>());
    deployments.removeIf(
        d ->
            disabledModels.contains(d.node().path("model").asText())
                || disabledProviders.contains(d.node().path("provider").asText()));
    List<Entry> electricity = section("electricity", shipped, overrides, new HashSet<>());
    return new Merged(models, providers, deployments, electricity, energy(shipped, overrides));
  }

  /** The energy constants: the user's keys replace the shipped ones. */
  private static Entry energy(JsonNode shipped, JsonNode overrides) {
    ObjectNode merged = Json.object();
    String path = SHIPPED + ".energy";
    for (JsonNode tree : List.of(shipped, overrides)) {
      JsonNode energy = tree.path("energy");
      if (energy.isObject()) {
        deepMerge(merged, (ObjectNode) energy);
        path = (tree == overrides ? USER : SHIPPED) + ".energy";
      }
    }
    return new Entry(merged, path);
  }

  private static List<Entry> section(
      String name, JsonNode shipped, JsonNode overrides, Set<String> disabled) {
    Map<String, Entry> byKey = new LinkedHashMap<>();
    for (ConfigNode item : root(shipped, SHIPPED).objects(name)) {
      String key = key(name, item);
      if (byKey.putIfAbsent(key, new Entry((ObjectNode) item.json().deepCopy(), item.path()))
          != null) {
        throw item.error("duplicate " + describeKey(name, key));
      }
    }
    Set<String> overridden = new HashSet<>();
    for (ConfigNode item : root(overrides, USER).objects(name)) {
      String key = key(name, item);
      if (!overridden.add(key)) {
        throw item.error("duplicate " + describeKey(name, key) + " among the overrides");
      }
      Entry base = byKey.get(key);
      if (base == null && !enabled(item)) {
        throw item.error(
            "enabled: false, but no shipped entry has " + describeKey(name, key) + " (a typo?)");
      }
      ObjectNode merged = base == null ? (ObjectNode) item.json().deepCopy() : base.node();
      if (base != null) {
        deepMerge(merged, (ObjectNode) item.json());
      }
      byKey.put(key, new Entry(merged, item.path()));
    }
    List<Entry> kept = new ArrayList<>();
    byKey.forEach(
        (key, entry) -> {
          if (enabled(ConfigNode.of(entry.node(), entry.path(), CatalogException::new))) {
            kept.add(entry);
          } else {
            disabled.add(key);
          }
        });
    return kept;
  }

  private static ConfigNode root(JsonNode tree, String path) {
    ConfigNode root = ConfigNode.of(tree, path, CatalogException::new);
    root.allowOnly(List.of("models", "providers", "deployments", "electricity", "energy"));
    return root;
  }

  /** Models and providers are keyed by id, deployments by their (model, provider) pair. */
  private static String key(String section, ConfigNode item) {
    if (section.equals("deployments")) {
      return item.requiredString("model") + " @ " + item.requiredString("provider");
    }
    if (section.equals("electricity")) {
      return item.requiredString("country");
    }
    return item.requiredString("id");
  }

  private static String describeKey(String section, String key) {
    return switch (section) {
      case "deployments" -> "deployment " + key;
      case "electricity" -> "country \"" + key + "\"";
      default -> "id \"" + key + "\"";
    };
  }

  private static boolean enabled(ConfigNode item) {
    return item.bool("enabled").orElse(true);
  }

  private static void deepMerge(ObjectNode target, ObjectNode override) {
    for (Map.Entry<String, JsonNode> field : override.properties()) {
      JsonNode current = target.get(field.getKey());
      JsonNode value = field.getValue();
      if (value.isNull()) {
        target.remove(field.getKey());
      } else if (current != null && current.isObject() && value.isObject()) {
        deepMerge((ObjectNode) current, (ObjectNode) value);
      } else {
        target.set(field.getKey(), value.deepCopy());
      }
    }
  }
}
