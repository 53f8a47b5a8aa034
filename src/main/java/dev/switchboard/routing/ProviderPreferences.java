package dev.switchboard.routing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An OpenRouter {@code provider} object, typed: every field is absent unless set, so a request's
 * fields can override a preset's ({@link #over}) and the gateway's ceiling can narrow the result
 * ({@link #narrowedBy}). Provider ids are kept lower case, as their base slug ({@code
 * deepinfra/turbo} is {@code deepinfra}). {@code limited} names the fields the ceiling set or
 * narrowed, so an error can say a removal was the gateway's doing.
 */
public record ProviderPreferences(
    Optional<List<String>> order,
    Optional<Set<String>> only,
    Optional<Set<String>> ignore,
    Optional<Boolean> allowFallbacks,
    Optional<Boolean> requireParameters,
    Optional<Boolean> denyDataCollection,
    Optional<Boolean> zdr,
    Optional<Set<String>> quantizations,
    Optional<Sort> sort,
    MaxPrice maxPrice,
    Optional<Thresholds> minThroughput,
    Optional<Thresholds> maxLatency,
    Set<String> limited) {

  public static final ProviderPreferences NONE =
      new ProviderPreferences(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          MaxPrice.NONE,
          Optional.empty(),
          Optional.empty(),
          Set.of());

  public ProviderPreferences {
    limited = Set.copyOf(limited);
  }

  /** What to sort deployments by, and whether fallback models' deployments sort together. */
  public record Sort(By by, boolean partitionByModel) {
    /** OpenRouter's sort keys. */
    public enum By {
      PRICE,
      THROUGHPUT,
      LATENCY
    }

    public static Sort of(By by) {
      return new Sort(by, true);
    }
  }

  /** Highest prices accepted, in micro-dollars per million tokens (exact, like PriceSheet). */
  public record MaxPrice(OptionalLong prompt, OptionalLong completion) {
    public static final MaxPrice NONE = new MaxPrice(OptionalLong.empty(), OptionalLong.empty());

    /** Field by field: the lower of two limits, or whichever is set. */
    MaxPrice lower(MaxPrice other) {
      return new MaxPrice(min(prompt, other.prompt), min(completion, other.completion));
    }

    MaxPrice orElse(MaxPrice fallback) {
      return new MaxPrice(
          prompt.isPresent() ? prompt : fallback.prompt,
          completion.isPresent() ? completion : fallback.completion);
    }

    private static OptionalLong min(OptionalLong a, OptionalLong b) {
      if (a.isEmpty()) {
        return b;
      }
      return b.isEmpty() ? a : OptionalLong.of(Math.min(a.getAsLong(), b.getAsLong()));
    }
  }

  /** Nothing set: the plain path. */
  public boolean isEmpty() {
    return this == NONE || equals(NONE);
  }

  /** Whether deployments outside {@code order} may serve (OpenRouter's default: yes). */
  public boolean fallbacksAllowed() {
    return allowFallbacks.orElse(true);
  }

  /**
   * This request's fields over {@code defaults} (a preset's), field by field: a set field wins, an
   * absent one takes the default's, as OpenRouter shallow-merges a request over its preset.
   */
  public ProviderPreferences over(ProviderPreferences defaults) {
    return new ProviderPreferences(
        order.or(defaults::order),
        only.or(defaults::only),
        ignore.or(defaults::ignore),
        allowFallbacks.or(defaults::allowFallbacks),
        requireParameters.or(defaults::requireParameters),
        denyDataCollection.or(defaults::denyDataCollection),
        zdr.or(defaults::zdr),
        quantizations.or(defaults::quantizations),
        sort.or(defaults::sort),
        maxPrice.orElse(defaults.maxPrice),
        minThroughput.or(defaults::minThroughput),
        maxLatency.or(defaults::maxLatency),
        limited);
  }

  /**
   * These preferences within the gateway's {@code ceiling}: lists of allowed things intersect,
   * {@code ignore} unions, restrictions the ceiling turns on stay on, prices take the lower limit.
   * Orderings and soft preferences are the client's when set, else the ceiling's: they never widen.
   */
  public ProviderPreferences narrowedBy(ProviderPreferences ceiling) {
    if (ceiling.isEmpty()) {
      return this;
    }
    Set<String> marks = new LinkedHashSet<>(limited);
    mark(marks, "only", ceiling.only.isPresent());
    mark(marks, "ignore", ceiling.ignore.isPresent());
    mark(marks, "allow_fallbacks", ceiling.allowFallbacks.equals(Optional.of(false)));
    mark(marks, "require_parameters", ceiling.requireParameters.equals(Optional.of(true)));
    mark(marks, "data_collection", ceiling.denyDataCollection.equals(Optional.of(true)));
    mark(marks, "zdr", ceiling.zdr.equals(Optional.of(true)));
    mark(marks, "quantizations", ceiling.quantizations.isPresent());
    mark(marks, "max_price", !ceiling.maxPrice.equals(MaxPrice.NONE));
    return new ProviderPreferences(
        order.or(ceiling::order),
        intersect(only, ceiling.only),
        union(ignore, ceiling.ignore),
        either(allowFallbacks, ceiling.allowFallbacks, false),
        either(requireParameters, ceiling.requireParameters, true),
        either(denyDataCollection, ceiling.denyDataCollection, true),
        either(zdr, ceiling.zdr, true),
        intersect(quantizations, ceiling.quantizations),
        sort.or(ceiling::sort),
        maxPrice.lower(ceiling.maxPrice),
        minThroughput.or(ceiling::minThroughput),
        maxLatency.or(ceiling::maxLatency),
        marks);
  }

  /** How a constraint is named in an error: the request field, and whether the gateway set it. */
  String label(String field) {
    return "provider." + field + (limited.contains(field) ? " (gateway limit)" : "");
  }

  private static void mark(Set<String> marks, String field, boolean byCeiling) {
    if (byCeiling) {
      marks.add(field);
    }
  }

  private static Optional<Set<String>> intersect(Optional<Set<String>> a, Optional<Set<String>> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.or(() -> b);
    }
    Set<String> both = new LinkedHashSet<>(a.get());
    both.retainAll(b.get());
    return Optional.of(Set.copyOf(both));
  }

  private static Optional<Set<String>> union(Optional<Set<String>> a, Optional<Set<String>> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.or(() -> b);
    }
    Set<String> all = new LinkedHashSet<>(a.get());
    all.addAll(b.get());
    return Optional.of(Set.copyOf(all));
  }

  /** The stricter of two flags: {@code strict} if either says so. */
  private static Optional<Boolean> either(
      Optional<Boolean> a, Optional<Boolean> b, boolean strict) {
    if (a.equals(Optional.of(strict)) || b.equals(Optional.of(strict))) {
      return Optional.of(strict);
    }
    return a.or(() -> b);
  }
}
