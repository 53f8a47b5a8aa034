package dev.switchboard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The validated, immutable set of models, providers and deployments, in catalog order. Every
 * deployment references a model and a provider of the same catalog; lookups by id are constant
 * time.
 */
public final class Catalog {
  private static final String RESOURCE = "/catalog.yaml";

  private final Map<String, Model> models;
  private final Map<String, Provider> providers;
  private final List<Deployment> deployments;
  private final Map<String, List<Deployment>> byModel;
  private final List<Electricity> electricity;
  private final EnergyAssumptions energy;

  private Catalog(List<Model> models, List<Provider> providers, List<Deployment> deployments) {
    this(models, providers, deployments, List.of(), CatalogParser.DEFAULT_ENERGY);
  }

  private Catalog(
      List<Model> models,
      List<Provider> providers,
      List<Deployment> deployments,
      List<Electricity> electricity,
      EnergyAssumptions energy) {
    this.electricity = List.copyOf(electricity);
    this.energy = energy;
    this.models = index(models, Model::id);
    this.providers = index(providers, Provider::id);
    this.deployments = List.copyOf(deployments);
    Map<String, List<Deployment>> grouped = new LinkedHashMap<>();
    deployments.forEach(d -> grouped.computeIfAbsent(d.modelId(), k -> new ArrayList<>()).add(d));
    grouped.replaceAll((k, v) -> List.copyOf(v));
    this.byModel = Map.copyOf(grouped);
  }

  /** The catalog.yaml shipped on the classpath, as written: {@code ${...}} not yet interpolated. */
  public static JsonNode shippedTree() {
    try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("catalog.yaml is missing from the classpath");
      }
      return ConfigNode.readYaml(
          new String(in.readAllBytes(), StandardCharsets.UTF_8),
          CatalogMerge.SHIPPED,
          CatalogException::new);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped catalog.yaml", e);
    }
  }

  /**
   * Merges {@code overrides} (the config's {@code catalog} section) into {@code shipped} and
   * validates the result. Both trees must already be env-interpolated.
   *
   * @throws CatalogException naming the field path of the first problem found
   */
  public static Catalog load(JsonNode shipped, JsonNode overrides) {
    CatalogMerge.Merged merged = CatalogMerge.merge(shipped, overrides);
    List<Model> models = merged.models().stream().map(CatalogParser::model).toList();
    List<Provider> providers = merged.providers().stream().map(CatalogParser::provider).toList();
    List<Deployment> deployments = new ArrayList<>();
    Catalog partial = new Catalog(models, providers, List.of());
    for (CatalogMerge.Entry entry : merged.deployments()) {
      Deployment d = CatalogParser.deployment(entry);
      if (partial.model(d.modelId()).isEmpty()) {
        throw new CatalogException(
            entry.path() + ".model", "no model has id \"" + d.modelId() + "\"");
      }
      if (partial.provider(d.providerId()).isEmpty()) {
        throw new CatalogException(
            entry.path() + ".provider", "no provider has id \"" + d.providerId() + "\"");
      }
      deployments.add(d);
    }
    return new Catalog(
        models,
        providers,
        deployments,
        merged.electricity().stream().map(CatalogParser::electricity).toList(),
        CatalogParser.energy(merged.energy()));
  }

  /**
   * Each country's industrial electricity price and grid intensity (the {@code WORLD} entry for any
   * other), for the energy estimate.
   */
  public List<Electricity> electricity() {
    return electricity;
  }

  /** The energy estimate's constants. */
  public EnergyAssumptions energy() {
    return energy;
  }

  public List<Model> models() {
    return List.copyOf(models.values());
  }

  /** The first-token timeouts the catalog's models declare, by model id. */
  public java.util.Map<String, java.time.Duration> firstTokenTimeouts() {
    java.util.Map<String, java.time.Duration> timeouts = new java.util.LinkedHashMap<>();
    models()
        .forEach(model -> model.firstTokenTimeout().ifPresent(t -> timeouts.put(model.id(), t)));
    return timeouts;
  }

  public Optional<Model> model(String id) {
    return Optional.ofNullable(models.get(id));
  }

  public List<Provider> providers() {
    return List.copyOf(providers.values());
  }

  public Optional<Provider> provider(String id) {
    return Optional.ofNullable(providers.get(id));
  }

  public List<Deployment> deployments() {
    return deployments;
  }

  /** The deployments serving a model, in catalog order; empty for an unknown id. */
  public List<Deployment> deploymentsOf(String modelId) {
    return byModel.getOrDefault(modelId, List.of());
  }

  /** The deployment of a model at a provider, if the catalog has it. */
  public Optional<Deployment> deployment(String modelId, String providerId) {
    return deploymentsOf(modelId).stream()
        .filter(d -> d.providerId().equals(providerId))
        .findFirst();
  }

  /**
   * A copy whose providers went through {@code change} (demo mode points them at the simulator).
   *
   * @throws IllegalArgumentException if {@code change} alters a provider's id
   */
  public Catalog withProviders(UnaryOperator<Provider> change) {
    List<Provider> changed = new ArrayList<>();
    for (Provider p : providers.values()) {
      Provider next = change.apply(p);
      if (!next.id().equals(p.id())) {
        throw new IllegalArgumentException(
            "a provider change must keep its id: " + p.id() + " -> " + next.id());
      }
      changed.add(next);
    }
    return new Catalog(List.copyOf(models.values()), changed, deployments, electricity, energy);
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
    Map<String, T> map = new LinkedHashMap<>();
    items.forEach(item -> map.put(id.apply(item), item));
    return Collections.unmodifiableMap(map);
  }

  @Override
  public String toString() {
    return "Catalog["
        + models.size()
        + " models, "
        + providers.size()
        + " providers, "
        + deployments.size()
        + " deployments]";
  }
}
