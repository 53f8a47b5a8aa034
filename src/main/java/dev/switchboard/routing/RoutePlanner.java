package dev.switchboard.routing;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.config.Config;
import dev.switchboard.health.HealthView;
import dev.switchboard.routing.ProviderPreferences.Sort;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Plans the deployments to try for a request, in order: its model's, then those of its {@code
 * models} fallbacks, narrowed by its OpenRouter {@code provider} object (itself narrowed by the
 * configured ceiling) and by what it needs (tools, images, context, parameters), ordered by health,
 * price or the sort asked for. Deployments without a credential or with a format this build lacks
 * are never routes. Nothing eligible is a 404 that says which constraint removed which deployments.
 */
public final class RoutePlanner {
  private static final String FLOOR = ":floor";
  private static final String NITRO = ":nitro";

  /**
   * The calling thread's own random each time: a ThreadLocalRandom kept in a field would be used by
   * event-loop threads that never seeded it.
   */
  private static final RandomGenerator PER_THREAD_RANDOM =
      () -> ThreadLocalRandom.current().nextLong();

  private final Map<String, ModelRoutes> byModel = new HashMap<>();
  private final ModelAliases aliases;
  private final ProviderPreferences ceiling;
  private final Presets presets;
  private final RouteOrder order;

  public RoutePlanner(Catalog catalog) {
    this(catalog, new ModelAliases(Map.of()), true);
  }

  /** {@code cacheBreakpoints}: upstream.cache_breakpoints, for every route planned. */
  public RoutePlanner(Catalog catalog, ModelAliases aliases, boolean cacheBreakpoints) {
    this(catalog, aliases, Config.Routing.defaults(), cacheBreakpoints, HealthView.NONE);
  }

  /**
   * @throws IllegalArgumentException if the routing ceiling or a preset is invalid, naming it
   */
  public RoutePlanner(
      Catalog catalog,
      ModelAliases aliases,
      Config.Routing routing,
      boolean cacheBreakpoints,
      HealthView health) {
    this(catalog, aliases, routing, cacheBreakpoints, health, PER_THREAD_RANDOM);
  }

  /** With the random source of the price spread, seeded in tests. */
  RoutePlanner(
      Catalog catalog,
      ModelAliases aliases,
      Config.Routing routing,
      boolean cacheBreakpoints,
      HealthView health,
      RandomGenerator random) {
    for (Model model : catalog.models()) {
      byModel.put(model.id(), ModelRoutes.of(catalog, model, cacheBreakpoints));
    }
    this.aliases = aliases;
    ProviderPreferences configured =
        ProviderPreferencesParser.parse(
            routing.provider(), ProviderPreferencesParser.config("routing.provider"));
    // The shared NONE when empty: the plain path then tells it by identity, per request.
    this.ceiling = configured.isEmpty() ? ProviderPreferences.NONE : configured;
    this.presets = Presets.of(routing.presets(), this::choice);
    this.order = new RouteOrder(health, routing.spreadPercent(), random);
  }

  /**
   * The routes for a request, in the order to try them: its model's deployments (or its preset's
   * models'), then those of its {@code models} fallbacks, narrowed and ordered as it asks.
   *
   * @throws GatewayError 400 for a bad {@code provider} object, 404 for an unknown model or when no
   *     deployment is eligible, 503 when no provider of the model is configured
   */
  public List<Route> plan(ChatRequest request) {
    return plan(request, RouteFilter.NONE);
  }

  /**
   * As {@link #plan(ChatRequest)}, never using a route {@code filter} refuses: on the model, its
   * fallbacks and every provider option alike. When the filter leaves nothing, the 404 names the
   * rule that refused each deployment; nothing is ever routed around it.
   */
  public List<Route> plan(ChatRequest request, RouteFilter filter) {
    ProviderPreferences prefs =
        request
            .hints()
            .provider()
            .map(node -> ProviderPreferencesParser.parse(node, ProviderPreferencesParser.CLIENT))
            .orElse(ProviderPreferences.NONE);
    List<ModelChoice> choices = new ArrayList<>(1 + request.hints().models().size());
    if (request.model().startsWith(Presets.PREFIX)) {
      Presets.Preset preset = preset(request.model());
      choices.addAll(preset.models());
      prefs = prefs.over(preset.provider());
    } else {
      choices.add(resolve(request.model(), "model"));
    }
    List<String> fallbacks = request.hints().models();
    for (int i = 0; i < fallbacks.size(); i++) {
      ModelChoice fallback = resolve(fallbacks.get(i), "models[" + i + "]");
      if (choices.stream()
          .noneMatch(c -> c.id().equals(fallback.id()) && c.variant().equals(fallback.variant()))) {
        choices.add(fallback);
      }
    }
    prefs = prefs.narrowedBy(ceiling);
    List<String> parameters =
        prefs.requireParameters().orElse(false) ? RequestNeeds.parameters(request) : List.of();
    return planned(
        choices, prefs, new Eligibility(prefs, RequestNeeds.of(request), parameters, filter));
  }

  /**
   * The routes for the model a client asked for (a catalog id, or an alias of one; a catalog id
   * wins over an alias of the same name), within the configured ceiling.
   */
  public List<Route> plan(String requested) {
    return planned(
        List.of(resolve(requested, "model")),
        ceiling,
        new Eligibility(ceiling, RequestNeeds.NONE, List.of()));
  }

  private List<Route> planned(
      List<ModelChoice> choices, ProviderPreferences prefs, Eligibility eligibility) {
    boolean together = prefs.sort().map(sort -> !sort.partitionByModel()).orElse(false);
    Optional<Sort.By> sort = prefs.sort().map(Sort::by);
    List<Route> plan = new ArrayList<>();
    for (ModelChoice choice : choices) {
      List<Route> routes = eligibility.eligible(choice.routes());
      if (!together) {
        arrange(routes, prefs, choice.variant().or(() -> sort));
      }
      plan.addAll(firstOnlyUnlessFallbacks(routes, prefs));
    }
    if (together) {
      arrange(plan, prefs, sort);
      plan = new ArrayList<>(firstOnlyUnlessFallbacks(plan, prefs));
    }
    if (plan.isEmpty()) {
      throw noneEligible(choices, eligibility);
    }
    return Collections.unmodifiableList(plan);
  }

  private void arrange(List<Route> routes, ProviderPreferences prefs, Optional<Sort.By> sort) {
    if (sort.isEmpty()
        && prefs.order().isEmpty()
        && prefs.minThroughput().isEmpty()
        && prefs.maxLatency().isEmpty()) {
      order.byDefault(routes);
    } else {
      order.order(routes, prefs, sort);
    }
  }

  /** {@code allow_fallbacks: false} without {@code order}: only the first route of a model. */
  private static List<Route> firstOnlyUnlessFallbacks(
      List<Route> routes, ProviderPreferences prefs) {
    return prefs.fallbacksAllowed() || prefs.order().isPresent() || routes.size() < 2
        ? routes
        : routes.subList(0, 1);
  }

  private static GatewayError noneEligible(List<ModelChoice> choices, Eligibility eligibility) {
    if (choices.stream().allMatch(choice -> choice.routes().byPrice().isEmpty())) {
      // Nothing is callable at all: today's answer, a configuration problem of the gateway.
      return GatewayError.of(
          ErrorKind.NO_ELIGIBLE_ROUTE, choices.getFirst().routes().noRouteMessage());
    }
    StringBuilder message = new StringBuilder();
    for (ModelChoice choice : choices) {
      message.append(message.isEmpty() ? "no deployment of '" : "; nor of '");
      message.append(choice.id()).append("' is eligible: ");
      ModelRoutes routes = choice.routes();
      message.append(
          routes.byPrice().isEmpty() ? routes.noRouteMessage() : eligibility.explain(choice.id()));
      if (!routes.byPrice().isEmpty() && !routes.unconfigured().isEmpty()) {
        message
            .append("; no API key configured for ")
            .append(String.join(", ", routes.unconfigured()));
      }
    }
    if (eligibility.onlyTooLong()) {
      // A request problem, not a routing one: Anthropic's words, which Claude Code compacts on.
      return GatewayError.builder(
              ErrorKind.INVALID_REQUEST, "prompt is too long: " + message.toString())
          .param("messages")
          .build();
    }
    return GatewayError.of(ErrorKind.NO_ENDPOINTS, message.toString());
  }

  private Presets.Preset preset(String model) {
    String name = model.substring(Presets.PREFIX.length());
    return presets
        .find(name)
        .orElseThrow(
            () ->
                GatewayError.builder(
                        ErrorKind.MODEL_NOT_FOUND,
                        "preset '" + clip(name) + "' is not configured (routing.presets)")
                    .param("model")
                    .build());
  }

  private ModelChoice resolve(String requested, String param) {
    return choice(requested)
        .orElseThrow(
            () -> {
              String target = aliases.resolve(requested).orElse(requested);
              return GatewayError.builder(
                      ErrorKind.MODEL_NOT_FOUND,
                      "model '"
                          + clip(requested)
                          + (target.equals(requested)
                              ? "'"
                              : "' (an alias of '" + clip(target) + "')")
                          + " is not in the catalog; GET /v1/models lists the models you can use")
                  .param(param)
                  .build();
            });
  }

  /** A catalog id, else an alias, each optionally with a :floor or :nitro variant. */
  private Optional<ModelChoice> choice(String requested) {
    Optional<ModelChoice> exact = model(requested, Optional.empty());
    if (exact.isPresent()) {
      return exact;
    }
    if (requested.endsWith(FLOOR)) {
      return model(strip(requested, FLOOR), Optional.of(Sort.By.PRICE));
    }
    if (requested.endsWith(NITRO)) {
      return model(strip(requested, NITRO), Optional.of(Sort.By.THROUGHPUT));
    }
    return Optional.empty();
  }

  private Optional<ModelChoice> model(String name, Optional<Sort.By> variant) {
    ModelRoutes routes = byModel.get(name);
    if (routes == null) {
      routes = aliases.resolve(name).map(byModel::get).orElse(null);
    }
    return routes == null ? Optional.empty() : Optional.of(new ModelChoice(routes, variant));
  }

  private static String strip(String name, String suffix) {
    return name.substring(0, name.length() - suffix.length());
  }

  private static String clip(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "…" : text;
  }
}
