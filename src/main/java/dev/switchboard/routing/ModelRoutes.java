package dev.switchboard.routing;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Deployment;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.Provider;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.WireFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One model's callable routes, cheapest first, computed once per planner: the per-request work is
 * then filtering and ordering a short list. Deployments whose provider has no credential, or speaks
 * a format this build lacks, are not routes; their providers are kept to explain an empty list.
 */
record ModelRoutes(
    Model model, List<Route> byPrice, List<String> unconfigured, List<String> missingFormats) {

  static ModelRoutes of(Catalog catalog, Model model, boolean cacheBreakpoints) {
    List<Route> routes = new ArrayList<>();
    TreeSet<String> missingFormats = new TreeSet<>();
    TreeSet<String> unconfigured = new TreeSet<>();
    for (Deployment deployment : catalog.deploymentsOf(model.id())) {
      Optional<Provider> provider = catalog.provider(deployment.providerId());
      if (provider.isEmpty()) {
        continue;
      }
      Optional<WireFormat> format = WireFormats.find(provider.get().format());
      if (format.isEmpty()) {
        missingFormats.add(provider.get().format());
      } else if (!provider.get().configured()) {
        unconfigured.add(provider.get().id());
      } else {
        routes.add(
            new Route(
                deployment,
                provider.get(),
                format.get(),
                cacheBreakpoints,
                deployment.effectiveContextLength(model)));
      }
    }
    routes.sort(Comparator.comparingLong(ModelRoutes::blendedPrice));
    return new ModelRoutes(
        model, List.copyOf(routes), List.copyOf(unconfigured), List.copyOf(missingFormats));
  }

  /**
   * Micro-dollars for three million input and one million output tokens: a typical chat turn reads
   * about three tokens for each one it writes.
   */
  static long blendedPrice(Route route) {
    return 3 * route.deployment().prices().input().microsPerMillion()
        + route.deployment().prices().output().microsPerMillion();
  }

  /** Why this model has no routes at all, in today's words (no key, or a format we lack). */
  String noRouteMessage() {
    if (!unconfigured.isEmpty()) {
      return "no provider serving '"
          + model.id()
          + "' has an API key configured (providers: "
          + String.join(", ", unconfigured)
          + ")";
    }
    if (!missingFormats.isEmpty()) {
      return "'"
          + model.id()
          + "' is only served over the "
          + String.join(", ", missingFormats)
          + " wire format, which this version of Switchboard does not speak yet";
    }
    return "no deployment serves '" + model.id() + "'";
  }
}
