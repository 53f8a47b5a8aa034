package dev.switchboard.routing;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Deployment;
import dev.switchboard.catalog.Provider;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.WireFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Plans the deployments to try for a model, cheapest first. Deployments whose provider has no
 * credential or speaks a format this build lacks are left out, and when that leaves nothing the
 * error says which of the two it was.
 */
public final class RoutePlanner {
  // A typical chat turn reads about three tokens for each one it writes.
  private static final Comparator<Route> BY_PRICE =
      Comparator.comparingLong(
          route ->
              3 * route.deployment().prices().input().microsPerMillion()
                  + route.deployment().prices().output().microsPerMillion());

  private final Catalog catalog;
  private final ModelAliases aliases;
  private final boolean cacheBreakpoints;

  public RoutePlanner(Catalog catalog) {
    this(catalog, new ModelAliases(java.util.Map.of()), true);
  }

  /** {@code cacheBreakpoints}: upstream.cache_breakpoints, for every route planned. */
  public RoutePlanner(Catalog catalog, ModelAliases aliases, boolean cacheBreakpoints) {
    this.catalog = catalog;
    this.aliases = aliases;
    this.cacheBreakpoints = cacheBreakpoints;
  }

  /**
   * The routes for a request, in the order to try them: its model's deployments, then those of its
   * {@code models} fallbacks, narrowed by its {@code provider} preferences and what it needs.
   */
  public List<Route> plan(dev.switchboard.wire.ChatRequest request) {
    return plan(request.model());
  }

  /**
   * The routes for the model a client asked for: a catalog id, or an alias of one (a catalog id
   * wins over an alias of the same name).
   */
  public List<Route> plan(String requested) {
    String modelId =
        catalog.model(requested).isPresent()
            ? requested
            : aliases.resolve(requested).orElse(requested);
    if (catalog.model(modelId).isEmpty()) {
      throw GatewayError.builder(
              ErrorKind.MODEL_NOT_FOUND,
              "model '"
                  + clip(requested)
                  + (modelId.equals(requested) ? "'" : "' (an alias of '" + clip(modelId) + "')")
                  + " is not in the catalog; GET /v1/models lists the models you can use")
          .param("model")
          .build();
    }
    List<Route> routes = new ArrayList<>();
    TreeSet<String> missingFormats = new TreeSet<>();
    TreeSet<String> unconfigured = new TreeSet<>();
    for (Deployment deployment : catalog.deploymentsOf(modelId)) {
      Optional<Provider> provider = catalog.provider(deployment.providerId());
      Optional<WireFormat> format = provider.flatMap(p -> WireFormats.find(p.format()));
      if (provider.isEmpty()) {
        continue;
      }
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
                deployment.effectiveContextLength(catalog.model(modelId).orElseThrow())));
      }
    }
    if (routes.isEmpty()) {
      throw GatewayError.of(
          ErrorKind.NO_ELIGIBLE_ROUTE, noRouteMessage(modelId, missingFormats, unconfigured));
    }
    routes.sort(BY_PRICE);
    return List.copyOf(routes);
  }

  private static String noRouteMessage(
      String modelId, TreeSet<String> missingFormats, TreeSet<String> unconfigured) {
    if (!unconfigured.isEmpty()) {
      return "no provider serving '"
          + modelId
          + "' has an API key configured (providers: "
          + String.join(", ", unconfigured)
          + ")";
    }
    if (!missingFormats.isEmpty()) {
      return "'"
          + modelId
          + "' is only served over the "
          + String.join(", ", missingFormats)
          + " wire format, which this version of Switchboard does not speak yet";
    }
    return "no deployment serves '" + modelId + "'";
  }

  private static String clip(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "…" : text;
  }
}
