package dev.switchboard.autoroute;

import dev.switchboard.ledger.RouterPick;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the auto router picked for one request: the model, the pool's other eligible models of the
 * same tier as its fallbacks, the router's score and the version of the weights that gave it.
 */
public record AutoChoice(String pick, List<String> fallbacks, double score, String version) {
  /** The model id clients ask for to be routed by the auto router. */
  public static final String MODEL = "switchboard/auto";

  public AutoChoice {
    fallbacks = List.copyOf(fallbacks);
  }

  /**
   * The pick for a prompt {@code score}d by {@code version} at {@code quality}: the strong tier
   * when the score is above {@code 1 - quality} (always at quality 1, never at 0), else the weak
   * tier, cheapest first; in either tier only the models {@code eligible} allows (the data policy,
   * the request's provider options and the key's allowed models). A tier with no eligible model
   * gives way to the other, so a request is only refused when the whole pool is.
   *
   * <p>Empty when no model of the pool is eligible.
   */
  public static Optional<AutoChoice> choose(
      AutoPool pool, double score, double quality, String version, Predicate<String> eligible) {
    boolean strong = quality >= 1 || (quality > 0 && score > 1 - quality);
    List<String> tier = eligibleOf(strong ? pool.strong() : pool.weak(), eligible);
    if (tier.isEmpty()) {
      tier = eligibleOf(strong ? pool.weak() : pool.strong(), eligible);
    }
    if (tier.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new AutoChoice(tier.getFirst(), tier.subList(1, tier.size()), score, version));
  }

  /** What the ledger keeps of this choice. */
  public RouterPick ledgerPick() {
    return RouterPick.of(version, score, pick);
  }

  private static List<String> eligibleOf(List<String> models, Predicate<String> eligible) {
    return models.stream().filter(eligible).toList();
  }
}
