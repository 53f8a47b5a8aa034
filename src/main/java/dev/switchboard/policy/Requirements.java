package dev.switchboard.policy;

import dev.switchboard.catalog.DataPolicy;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.Provider;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.RouteFilter;
import java.util.Optional;
import java.util.Set;

/**
 * What a data class demands of a deployment. {@code rule} is the configuration path of the class's
 * rule ({@code policy.classes.regulated}); each refusal is labelled with the field that refused.
 * Unknown counts as the most restrictive answer: a provider of unknown jurisdiction is in none, one
 * whose retention or training terms are unpublished retains and trains.
 *
 * @param jurisdictions where the provider may process the data (ISO 3166 alpha-2 codes, {@code
 *     local}); empty = anywhere
 * @param modelOrigins the countries the model's authors may be from; empty = any
 */
public record Requirements(
    String rule,
    Optional<Set<String>> jurisdictions,
    Optional<Set<String>> modelOrigins,
    boolean zeroRetention,
    boolean noTraining,
    Optional<Set<String>> allowProviders,
    Set<String> denyProviders,
    Optional<Set<String>> allowModels,
    Set<String> denyModels)
    implements RouteFilter {

  public Requirements {
    jurisdictions = jurisdictions.map(Set::copyOf);
    modelOrigins = modelOrigins.map(Set::copyOf);
    allowProviders = allowProviders.map(Set::copyOf);
    denyProviders = Set.copyOf(denyProviders);
    allowModels = allowModels.map(Set::copyOf);
    denyModels = Set.copyOf(denyModels);
  }

  /** No demands: any deployment, under the rule at {@code rule}. */
  public static Requirements none(String rule) {
    return new Requirements(
        rule,
        Optional.empty(),
        Optional.empty(),
        false,
        false,
        Optional.empty(),
        Set.of(),
        Optional.empty(),
        Set.of());
  }

  /** Whether the rule demands nothing (routing then skips the filter). */
  public boolean isEmpty() {
    return jurisdictions.isEmpty()
        && modelOrigins.isEmpty()
        && !zeroRetention
        && !noTraining
        && allowProviders.isEmpty()
        && denyProviders.isEmpty()
        && allowModels.isEmpty()
        && denyModels.isEmpty();
  }

  @Override
  public Optional<String> refusal(Model model, Route route) {
    Provider provider = route.provider();
    String id = provider.id();
    if (allowProviders.isPresent() && !allowProviders.get().contains(id)) {
      return refused("providers.allow");
    }
    if (denyProviders.contains(id)) {
      return refused("providers.deny");
    }
    if (allowModels.isPresent() && !allowModels.get().contains(model.id())) {
      return refused("models.allow");
    }
    if (denyModels.contains(model.id())) {
      return refused("models.deny");
    }
    if (jurisdictions.isPresent() && !jurisdictions.get().contains(provider.jurisdiction())) {
      return refused("jurisdictions (processed in " + shown(provider.jurisdiction()) + ")");
    }
    if (modelOrigins.isPresent() && !modelOrigins.get().contains(model.originCountry())) {
      return refused("model_origins (model from " + shown(model.originCountry()) + ")");
    }
    DataPolicy terms = provider.dataPolicy();
    if (zeroRetention && !terms.zeroRetention().orElse(false)) {
      return refused("zero_retention");
    }
    if (noTraining && !terms.trainsOnPrompts().equals(Optional.of(false))) {
      return refused("no_training");
    }
    return Optional.empty();
  }

  private Optional<String> refused(String field) {
    return Optional.of(rule + "." + field);
  }

  private static String shown(String code) {
    return code.isBlank() ? "an unknown place" : code;
  }
}
