package dev.switchboard.catalog;

import dev.switchboard.money.Cost;
import dev.switchboard.money.Money;
import dev.switchboard.money.Price;
import dev.switchboard.wire.Usage;

/**
 * A deployment's list prices per million tokens: uncached input, output (reasoning included), cache
 * reads ({@code cachedInput}) and cache writes with a 5-minute and a 1-hour lifetime. {@link #cost}
 * is exact: pico-dollars summed in long arithmetic, rounded up once.
 */
public record PriceSheet(
    Price input, Price output, Price cachedInput, Price cacheWrite5m, Price cacheWrite1h) {

  /** Prices without cache pricing: cache reads and writes cost the same as input. */
  public static PriceSheet of(Price input, Price output) {
    return new PriceSheet(input, output, input, input, input);
  }

  /**
   * The cost of one request's usage, rounded up to the micro-dollar. Cache reads and writes are
   * part of the prompt (OpenAI semantics); the rest of the prompt is billed as uncached input, and
   * completion tokens (reasoning included) as output.
   *
   * <p>A provider that reports more cached tokens than prompt tokens is believed in the order
   * reads, 5-minute writes, 1-hour writes: each class takes at most what the prompt has left, so
   * exactly {@code promptTokens} input tokens are billed and the uncached rest is never negative.
   *
   * @throws ArithmeticException if the counts overflow a long in pico-dollars (beyond ~$9 million)
   */
  public Money cost(Usage usage) {
    long left = usage.promptTokens();
    long reads = Math.min(usage.cachedPromptTokens(), left);
    left -= reads;
    long fiveMinute = Math.min(usage.cacheWrite5mTokens(), left);
    left -= fiveMinute;
    long oneHour = Math.min(usage.cacheWrite1hTokens(), left);
    long uncached = left - oneHour;
    long picos = input.picosFor(uncached);
    picos = Math.addExact(picos, cachedInput.picosFor(reads));
    picos = Math.addExact(picos, cacheWrite5m.picosFor(fiveMinute));
    picos = Math.addExact(picos, cacheWrite1h.picosFor(oneHour));
    picos = Math.addExact(picos, output.picosFor(usage.completionTokens()));
    return Cost.ofPicos(picos);
  }
}
