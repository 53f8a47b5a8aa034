package dev.switchboard.insight;

import dev.switchboard.ledger.ModelUsage;
import dev.switchboard.money.Money;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Usage over a period: the top models by tokens (the rest summed as "others"), and tokens by the
 * models' country of origin. Shares are exact integers rounded once, and each breakdown adds up to
 * 100.0%. {@link #render()} is the terminal view of {@code switchboard report}.
 */
public record UsageReport(
    ReportPeriod period,
    long totalTokens,
    long totalRequests,
    long totalCostMicros,
    List<ModelShare> topModels,
    Optional<ModelShare> otherModels,
    List<CountryShare> countries) {
  public static final String UNKNOWN_COUNTRY = "unknown";
  public static final String OTHERS = "(others)";

  public UsageReport {
    topModels = List.copyOf(topModels);
    countries = List.copyOf(countries);
  }

  /**
   * Builds the report; {@code originCountryOf} maps a model id to an ISO country code, and models
   * it does not know count as {@value #UNKNOWN_COUNTRY}.
   */
  public static UsageReport of(
      ReportPeriod period,
      List<ModelUsage> usage,
      Function<String, Optional<String>> originCountryOf,
      int topN) {
    if (topN < 1) {
      throw new IllegalArgumentException("topN must be at least 1: " + topN);
    }
    List<ModelUsage> ranked = new ArrayList<>(usage);
    ranked.sort(
        Comparator.comparingLong(ModelUsage::totalTokens)
            .reversed()
            .thenComparing(ModelUsage::model));
    List<ModelUsage> top = ranked.subList(0, Math.min(topN, ranked.size()));
    Optional<ModelUsage> rest = sum(ranked.subList(top.size(), ranked.size()));
    List<ModelShare> rows = modelRows(top, rest);
    ModelUsage total = sum(ranked).orElse(new ModelUsage(OTHERS, 0, 0, 0, 0));
    return new UsageReport(
        period,
        total.totalTokens(),
        total.requests(),
        total.costMicros(),
        rows.subList(0, top.size()),
        rest.isPresent() ? Optional.of(rows.getLast()) : Optional.empty(),
        countries(ranked, originCountryOf));
  }

  private static List<ModelShare> modelRows(List<ModelUsage> top, Optional<ModelUsage> rest) {
    List<ModelUsage> all = new ArrayList<>(top);
    rest.ifPresent(all::add);
    List<Share> shares = Share.apportion(all.stream().map(ModelUsage::totalTokens).toList());
    List<ModelShare> rows = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      ModelUsage m = all.get(i);
      int rank = i < top.size() ? i + 1 : 0;
      rows.add(
          new ModelShare(
              rank, m.model(), m.totalTokens(), shares.get(i), m.requests(), m.costMicros()));
    }
    return rows;
  }

  private static Optional<ModelUsage> sum(List<ModelUsage> models) {
    return models.stream()
        .reduce(
            (a, b) ->
                new ModelUsage(
                    OTHERS,
                    Math.addExact(a.requests(), b.requests()),
                    Math.addExact(a.promptTokens(), b.promptTokens()),
                    Math.addExact(a.completionTokens(), b.completionTokens()),
                    Math.addExact(a.costMicros(), b.costMicros())));
  }

  private static List<CountryShare> countries(
      List<ModelUsage> models, Function<String, Optional<String>> originCountryOf) {
    Map<String, Long> tokensByCountry = new TreeMap<>();
    for (ModelUsage model : models) {
      String country = originCountryOf.apply(model.model()).orElse(UNKNOWN_COUNTRY);
      tokensByCountry.merge(country, model.totalTokens(), Math::addExact);
    }
    List<Map.Entry<String, Long>> ordered = new ArrayList<>(tokensByCountry.entrySet());
    ordered.sort(
        Map.Entry.<String, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    List<Share> shares = Share.apportion(ordered.stream().map(Map.Entry::getValue).toList());
    List<CountryShare> rows = new ArrayList<>(ordered.size());
    for (int i = 0; i < ordered.size(); i++) {
      rows.add(new CountryShare(ordered.get(i).getKey(), ordered.get(i).getValue(), shares.get(i)));
    }
    return rows;
  }

  /** A plain-text report for the terminal. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("Switchboard usage, ")
        .append(period.name())
        .append(": ")
        .append(period.from())
        .append(" to ")
        .append(period.to())
        .append('\n');
    out.append("Total: ")
        .append(count(totalTokens))
        .append(" tokens, ")
        .append(count(totalRequests))
        .append(" requests, ")
        .append("$")
        .append(Money.ofMicros(totalCostMicros).toUsd().toPlainString())
        .append("\n\n");
    if (topModels.isEmpty()) {
      return out.append("No successful requests in this period.\n").toString();
    }
    out.append("Top models by tokens\n");
    TextTable models = TextTable.of(">#", "model", ">tokens", ">share", ">requests", ">cost");
    for (ModelShare m : topModels) {
      models.row(
          String.valueOf(m.rank()),
          m.model(),
          count(m.tokens()),
          m.share().percent(),
          count(m.requests()),
          m.costUsd());
    }
    otherModels.ifPresent(
        m ->
            models.row(
                "",
                m.model(),
                count(m.tokens()),
                m.share().percent(),
                count(m.requests()),
                m.costUsd()));
    models.appendTo(out);
    out.append("\nShare by country of origin\n");
    TextTable byCountry = TextTable.of("country", ">tokens", ">share");
    for (CountryShare c : countries) {
      byCountry.row(c.country(), count(c.tokens()), c.share().percent());
    }
    byCountry.appendTo(out);
    return out.toString();
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
