package dev.switchboard.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A price per million tokens, exact in micro-dollars per million tokens ($0.28/M is 280,000). The
 * cost of n tokens is n * price / 1e6 micro-dollars, a fraction that {@link Cost} rounds once.
 */
public record Price(long microsPerMillion) {
  public static final Price FREE = new Price(0);

  public Price {
    if (microsPerMillion < 0) {
      throw new IllegalArgumentException("a price cannot be negative: " + microsPerMillion);
    }
  }

  /** Parses USD per million tokens, such as "0.28" or "15". */
  public static Price perMillion(String usd) {
    return new Price(Money.ofUsd(usd).micros());
  }

  /** The cost of n tokens in pico-dollars (1e-12 USD): exact, no rounding yet. */
  public long picosFor(long tokens) {
    return Math.multiplyExact(tokens, microsPerMillion);
  }

  /** USD per million tokens, plain decimal. */
  public BigDecimal usdPerMillion() {
    return new Money(microsPerMillion).toUsd();
  }

  /**
   * USD per single token as a plain decimal string, the unit of OpenRouter's model list
   * ("0.00000028").
   */
  public String usdPerTokenString() {
    BigDecimal perToken =
        BigDecimal.valueOf(microsPerMillion, 12).setScale(12, RoundingMode.UNNECESSARY);
    BigDecimal stripped = perToken.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }
}
