package dev.switchboard.routing;

import dev.switchboard.health.HealthView;
import dev.switchboard.health.WindowStats;
import dev.switchboard.routing.ProviderPreferences.Sort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Orders eligible routes. Available deployments come first (an ejected one goes last, never
 * removed), then a client's {@code order}, then those meeting its soft preferences, then the sort:
 * price (3:1 input:output), or throughput or latency p50 over the last 5 minutes (measured before
 * unmeasured, then by price). With neither {@code sort} nor {@code order}, the first pick is drawn
 * among the deployments priced within the spread of the cheapest, weighted by the inverse square of
 * price as OpenRouter does, so equally cheap providers share the load.
 */
final class RouteOrder {
  private static final Comparator<Ranked> BY_TIER =
      Comparator.comparingInt((Ranked r) -> r.tier == 2 ? 1 : 0)
          .thenComparingInt(Ranked::orderIndex)
          .thenComparingInt(Ranked::tier);
  private static final Comparator<Ranked> MEASURED_FIRST =
      Comparator.comparingInt(r -> Double.isNaN(r.metric) ? 1 : 0);
  private static final Comparator<Ranked> BY_PRICE = BY_TIER.thenComparingLong(Ranked::price);
  private static final Comparator<Ranked> BY_THROUGHPUT =
      BY_TIER
          .thenComparing(MEASURED_FIRST)
          .thenComparing(Comparator.comparingDouble(Ranked::metric).reversed())
          .thenComparingLong(Ranked::price);
  private static final Comparator<Ranked> BY_LATENCY =
      BY_TIER
          .thenComparing(MEASURED_FIRST)
          .thenComparingDouble(Ranked::metric)
          .thenComparingLong(Ranked::price);

  private final HealthView health;
  private final long spreadBasisPoints;
  private final RandomGenerator random;

  RouteOrder(HealthView health, double spreadPercent, RandomGenerator random) {
    this.health = health;
    this.spreadBasisPoints = Math.round(spreadPercent * 100);
    this.random = random;
  }

  /**
   * The plain path, in place: {@code routes} is cheapest first; nothing but health matters. Each
   * deployment's availability is asked once: asking claims a probing deployment's one probe.
   */
  void byDefault(List<Route> routes) {
    int available = routes.size();
    for (int i = 0; i < routes.size(); i++) {
      if (!health.available(routes.get(i).deployment().key())) {
        available = partition(routes, i);
        break;
      }
    }
    spreadFirst(routes, available);
  }

  /** In place, by availability, {@code order}, soft preferences and {@code sort}. */
  void order(List<Route> routes, ProviderPreferences prefs, Optional<Sort.By> sort) {
    List<String> order = prefs.order().orElse(List.of());
    List<Ranked> ranked = new ArrayList<>(routes.size());
    for (Route route : routes) {
      ranked.add(rank(route, prefs, order, sort));
    }
    ranked.sort(comparator(sort));
    routes.clear();
    int firstTier = 0;
    for (Ranked r : ranked) {
      routes.add(r.route);
      if (r.tier == ranked.getFirst().tier) {
        firstTier++;
      }
    }
    if (sort.isEmpty() && order.isEmpty()) {
      spreadFirst(routes, firstTier);
    }
  }

  /**
   * One route's sort keys. {@code tier}: 0 available and preferred, 1 available, 2 unavailable;
   * {@code metric}: the sort's p50, NaN when unmeasured or not sorting by one.
   */
  private record Ranked(Route route, int tier, int orderIndex, double metric, long price) {}

  private Ranked rank(
      Route route, ProviderPreferences prefs, List<String> order, Optional<Sort.By> sort) {
    String key = route.deployment().key();
    boolean needsStats =
        prefs.minThroughput().isPresent()
            || prefs.maxLatency().isPresent()
            || sort.filter(by -> by != Sort.By.PRICE).isPresent();
    WindowStats stats = needsStats ? health.status(key).last5m() : WindowStats.EMPTY;
    boolean preferred =
        prefs.minThroughput().map(t -> t.atLeast(stats.tokensPerSecond())).orElse(true)
            && prefs.maxLatency().map(t -> t.atMostSeconds(stats.firstTokenMs())).orElse(true);
    int tier = !health.available(key) ? 2 : preferred ? 0 : 1;
    int index = order.indexOf(route.deployment().providerId());
    double metric =
        switch (sort.orElse(Sort.By.PRICE)) {
          case PRICE -> Double.NaN;
          case THROUGHPUT -> stats.tokensPerSecond().p50();
          case LATENCY -> stats.firstTokenMs().p50();
        };
    return new Ranked(
        route,
        tier,
        index < 0 ? Integer.MAX_VALUE : index,
        metric,
        ModelRoutes.blendedPrice(route));
  }

  private static Comparator<Ranked> comparator(Optional<Sort.By> sort) {
    return switch (sort.orElse(Sort.By.PRICE)) {
      case PRICE -> BY_PRICE;
      case THROUGHPUT -> BY_THROUGHPUT;
      case LATENCY -> BY_LATENCY;
    };
  }

  /**
   * Available routes first, each group in its order; returns how many are available. The routes
   * before {@code unavailable} are known available and the one at it is not: they are not asked
   * again.
   */
  private int partition(List<Route> routes, int unavailable) {
    List<Route> later = new ArrayList<>();
    later.add(routes.get(unavailable));
    int kept = unavailable;
    for (int i = unavailable + 1; i < routes.size(); i++) {
      Route route = routes.get(i);
      if (health.available(route.deployment().key())) {
        routes.set(kept++, route);
      } else {
        later.add(route);
      }
    }
    for (int i = 0; i < later.size(); i++) {
      routes.set(kept + i, later.get(i));
    }
    return kept;
  }

  /**
   * Among the first {@code leading} routes (cheapest first), those priced within the spread of the
   * first share the first place, drawn with weight 1/price²; the others keep their order.
   */
  private void spreadFirst(List<Route> routes, int leading) {
    if (leading < 2) {
      return;
    }
    long cheapest = ModelRoutes.blendedPrice(routes.getFirst());
    long bound = Math.multiplyExact(cheapest, 10_000 + spreadBasisPoints);
    int within = 1;
    while (within < leading
        && Math.multiplyExact(ModelRoutes.blendedPrice(routes.get(within)), 10_000L) <= bound) {
      within++;
    }
    if (within < 2) {
      return;
    }
    int pick = draw(routes, within);
    if (pick > 0) {
      routes.addFirst(routes.remove(pick));
    }
  }

  /** An index below {@code within}, with probability proportional to 1/price² (free: uniform). */
  private int draw(List<Route> routes, int within) {
    if (ModelRoutes.blendedPrice(routes.getFirst()) == 0) {
      return random.nextInt(within);
    }
    double total = 0;
    for (int i = 0; i < within; i++) {
      total += weight(routes.get(i));
    }
    double point = random.nextDouble() * total;
    for (int i = 0; i < within - 1; i++) {
      point -= weight(routes.get(i));
      if (point < 0) {
        return i;
      }
    }
    return within - 1;
  }

  private static double weight(Route route) {
    double price = ModelRoutes.blendedPrice(route);
    return 1 / (price * price);
  }
}
