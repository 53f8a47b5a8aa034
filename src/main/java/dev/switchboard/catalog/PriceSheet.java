package dev.switchboard.catalog;

import dev.switchboard.money.Cost;
import dev.switchboard.money.Money;
import dev.switchboard.money.Price;
import dev.switchboard.wire.Usage;

/**
 * A deployment's list prices per million tokens: uncached input, output (reasoning included) and
 * cached input. {@link #cost} is exact: pico-dollars summed in long arithmetic, rounded up once.
 */
public record PriceSheet(Price input, Price output, Price cachedInput) {

  /** Prices without a cache discount: cached input costs the same as input. */
  public static PriceSheet of(Price input, Price output) {
    return new PriceSheet(input, output, input);
  }

  /**
   * The cost of one request's usage, rounded up to the micro-dollar. Cached tokens are part of the
   * prompt (OpenAI semantics); a report of more cached than prompt tokens bills them all as cached.
   *
   * @throws ArithmeticException if the counts overflow a long in pico-dollars (beyond ~$9 million)
   */
  public Money cost(Usage usage) {
    long cached = Math.min(usage.cachedPromptTokens(), usage.promptTokens());
    long uncached = usage.promptTokens() - cached;
    long picos =
        Math.addExact(
            Math.addExact(input.picosFor(uncached), cachedInput.picosFor(cached)),
            output.picosFor(usage.completionTokens()));
    return Cost.ofPicos(picos);
  }
}
