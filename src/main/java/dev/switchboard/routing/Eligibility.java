package dev.switchboard.routing;

import dev.switchboard.catalog.DataPolicy;
import dev.switchboard.catalog.Model;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The hard filters: a client's {@code provider} constraints (already narrowed by the ceiling) and
 * what the request needs (tools, images, context, its parameters). Each filter notes the providers
 * it removed, so an empty result can say which constraint removed which deployments.
 */
final class Eligibility {
  private static final String CONTEXT = "context (~";
  private final ProviderPreferences prefs;
  private final RequestNeeds needs;
  private final List<String> parameters;
  private final RouteFilter filter;

  /** What one model lost, by constraint, in the order the constraints ran. */
  private final Map<String, Map<String, List<String>>> removed = new LinkedHashMap<>();

  /** {@code parameters}: what the request sets, checked only under require_parameters. */
  Eligibility(ProviderPreferences prefs, RequestNeeds needs, List<String> parameters) {
    this(prefs, needs, parameters, RouteFilter.NONE);
  }

  /** With a hard filter from outside routing (the sourcing policy), applied before the rest. */
  Eligibility(
      ProviderPreferences prefs, RequestNeeds needs, List<String> parameters, RouteFilter filter) {
    this.prefs = prefs;
    this.needs = needs;
    this.parameters = prefs.requireParameters().orElse(false) ? parameters : List.of();
    this.filter = filter;
  }

  /** The routes of {@code model} this request may use, in the order given. */
  List<Route> eligible(ModelRoutes model) {
    List<Route> routes = new ArrayList<>(model.byPrice());
    Model m = model.model();
    if (filter != RouteFilter.NONE) {
      filtered(m, routes);
    }
    prefs.only().ifPresent(ids -> drop(m, routes, prefs.label("only"), r -> ids.contains(id(r))));
    prefs
        .ignore()
        .ifPresent(ids -> drop(m, routes, prefs.label("ignore"), r -> !ids.contains(id(r))));
    if (!prefs.fallbacksAllowed() && prefs.order().isPresent()) {
      List<String> order = prefs.order().get();
      drop(m, routes, "provider.order with allow_fallbacks false", r -> order.contains(id(r)));
    }
    if (prefs.denyDataCollection().orElse(false)) {
      drop(m, routes, prefs.label("data_collection") + " deny", r -> collectsNothing(r));
    }
    if (prefs.zdr().orElse(false)) {
      drop(m, routes, prefs.label("zdr"), r -> policy(r).zeroRetention().orElse(false));
    }
    prefs
        .quantizations()
        .ifPresent(
            q ->
                drop(
                    m,
                    routes,
                    prefs.label("quantizations"),
                    r -> q.contains(r.deployment().quantization()),
                    r -> id(r) + " (" + r.deployment().quantization() + ")"));
    maxPrice(m, routes);
    needs(m, routes);
    return routes;
  }

  /** Whether every deployment removed was removed for its context window alone. */
  boolean onlyTooLong() {
    return !removed.isEmpty()
        && removed.values().stream()
            .allMatch(byLabel -> byLabel.keySet().stream().allMatch(l -> l.startsWith(CONTEXT)));
  }

  /** Why {@code model} has nothing left: "provider.only removed a, b; tool use removed c". */
  String explain(String modelId) {
    Map<String, List<String>> byConstraint = removed.getOrDefault(modelId, Map.of());
    List<String> parts = new ArrayList<>();
    byConstraint.forEach((label, ids) -> parts.add(label + " removed " + String.join(", ", ids)));
    return parts.isEmpty() ? "nothing serves it" : String.join("; ", parts);
  }

  /** The outside filter's refusals, each under the label of the rule that refused it. */
  private void filtered(Model m, List<Route> routes) {
    for (Iterator<Route> it = routes.iterator(); it.hasNext(); ) {
      Route route = it.next();
      Optional<String> refusal = filter.refusal(m, route);
      if (refusal.isPresent()) {
        it.remove();
        removed
            .computeIfAbsent(m.id(), k -> new LinkedHashMap<>())
            .computeIfAbsent(refusal.get(), k -> new ArrayList<>())
            .add(id(route));
      }
    }
  }

  private void maxPrice(Model m, List<Route> routes) {
    ProviderPreferences.MaxPrice max = prefs.maxPrice();
    if (max.equals(ProviderPreferences.MaxPrice.NONE)) {
      return;
    }
    String label = prefs.label("max_price");
    max.prompt()
        .ifPresent(
            limit ->
                drop(
                    m,
                    routes,
                    label + ".prompt",
                    r -> r.deployment().prices().input().microsPerMillion() <= limit,
                    r -> id(r) + " (" + r.deployment().prices().input().usdPerMillion() + ")"));
    max.completion()
        .ifPresent(
            limit ->
                drop(
                    m,
                    routes,
                    label + ".completion",
                    r -> r.deployment().prices().output().microsPerMillion() <= limit,
                    r -> id(r) + " (" + r.deployment().prices().output().usdPerMillion() + ")"));
  }

  private void needs(Model m, List<Route> routes) {
    if (needs.tools()) {
      drop(m, routes, "tool use", r -> r.deployment().supports(m, "tools"));
    }
    if (needs.images() && !m.inputModalities().contains("image")) {
      drop(m, routes, "image input", r -> false);
    }
    long tokens = needs.tokens();
    if (tooSmall(routes, tokens)) {
      drop(
          m,
          routes,
          CONTEXT + kilo(tokens) + " tokens of prompt and max_tokens)",
          r -> r.contextLength() >= tokens,
          r -> id(r) + " (" + kilo(r.contextLength()) + ")");
    }
    for (String parameter : parameters) {
      drop(
          m,
          routes,
          prefs.label("require_parameters") + " (" + parameter + ")",
          r -> r.deployment().supports(m, parameter));
    }
  }

  /** Whether any route's context is too small (the label is then worth building). */
  private static boolean tooSmall(List<Route> routes, long tokens) {
    for (Route route : routes) {
      if (route.contextLength() < tokens) {
        return true;
      }
    }
    return false;
  }

  private void drop(Model m, List<Route> routes, String label, Predicate<Route> keep) {
    drop(m, routes, label, keep, Eligibility::id);
  }

  private void drop(
      Model m,
      List<Route> routes,
      String label,
      Predicate<Route> keep,
      Function<Route, String> describe) {
    for (Iterator<Route> it = routes.iterator(); it.hasNext(); ) {
      Route route = it.next();
      if (!keep.test(route)) {
        it.remove();
        removed
            .computeIfAbsent(m.id(), k -> new LinkedHashMap<>())
            .computeIfAbsent(label, k -> new ArrayList<>())
            .add(describe.apply(route));
      }
    }
  }

  private static String id(Route route) {
    return route.deployment().providerId();
  }

  private static DataPolicy policy(Route route) {
    return route.provider().dataPolicy();
  }

  /**
   * Neither retains nor trains on prompts, by its published terms; unknown counts as collecting.
   */
  private static boolean collectsNothing(Route route) {
    DataPolicy policy = policy(route);
    return policy.retainsPrompts().equals(Optional.of(false))
        && policy.trainsOnPrompts().equals(Optional.of(false));
  }

  private static String kilo(long tokens) {
    return tokens >= 1000 ? tokens / 1000 + "K" : Long.toString(tokens);
  }
}
