package dev.switchboard.budget;

import dev.switchboard.money.Money;

/**
 * A window cannot pay what a request wants (the cause of a failed {@link Budgets#reserve}); the
 * gateway answers 402 naming the window and what is left. The message is safe to show.
 */
public final class BudgetExceeded extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient BudgetWindow window;
  private final long remainingMicros;
  private final long wantedMicros;

  public BudgetExceeded(BudgetWindow window, long remainingMicros, long wantedMicros) {
    super(message(window, remainingMicros, wantedMicros), null, false, false);
    this.window = window;
    this.remainingMicros = remainingMicros;
    this.wantedMicros = wantedMicros;
  }

  public BudgetWindow window() {
    return window;
  }

  public long remainingMicros() {
    return remainingMicros;
  }

  public long wantedMicros() {
    return wantedMicros;
  }

  private static String message(BudgetWindow window, long remaining, long wanted) {
    String what =
        switch (window.kind()) {
          case CREDIT -> "the key's credit limit";
          case DAY -> "the key's daily cap";
          case SESSION -> "the key's session cap";
        };
    return "Budget exceeded: "
        + what
        + " ("
        + Money.ofMicros(window.limitMicros())
        + ") has "
        + Money.ofMicros(remaining)
        + " left, this request needs "
        + Money.ofMicros(wanted);
  }
}
