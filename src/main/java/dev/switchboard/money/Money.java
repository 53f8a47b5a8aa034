package dev.switchboard.money;

import java.math.BigDecimal;

/** An exact amount of US dollars, held as a whole number of micro-dollars (1e-6 USD). */
public record Money(long micros) implements Comparable<Money> {
  public static final Money ZERO = new Money(0);

  public static Money ofMicros(long micros) {
    return new Money(micros);
  }

  /**
   * Parses a decimal dollar amount such as "0.28"; more than six decimals is an error, not a
   * rounding.
   */
  public static Money ofUsd(String usd) {
    BigDecimal value = new BigDecimal(usd.trim());
    try {
      return new Money(value.movePointRight(6).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("not a whole number of micro-dollars: " + usd, e);
    }
  }

  public Money plus(Money other) {
    return new Money(Math.addExact(micros, other.micros));
  }

  public Money minus(Money other) {
    return new Money(Math.subtractExact(micros, other.micros));
  }

  /** The amount in dollars, exact, without trailing zeros (0.000093, 5, 1.2). */
  public BigDecimal toUsd() {
    BigDecimal usd = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    return usd.scale() < 0 ? usd.setScale(0) : usd;
  }

  @Override
  public int compareTo(Money other) {
    return Long.compare(micros, other.micros);
  }

  @Override
  public String toString() {
    return "$" + toUsd().toPlainString();
  }
}
