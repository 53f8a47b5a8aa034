package dev.switchboard.gateway;

import dev.switchboard.budget.Budgets;
import dev.switchboard.budget.Reservation;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * Counts a stream's answer as it arrives against the reservation it holds. Before the count reaches
 * what is reserved, the reservation is topped up from what the budget has left (by half as much
 * again each time, so a long answer costs few round trips); once the count passes the reservation
 * and the budget gave nothing more, the stream must end: {@link #exhausted} says so. The count is
 * deliberately generous (UTF-8 bytes / 3, where text runs about 4 bytes per token), so what the
 * provider finally reports rarely passes it. Event-loop confined.
 */
final class SpendMeter {
  private static final int BYTES_PER_TOKEN = 3;

  /** Top up once the answer has used this share of what is reserved (percent). */
  private static final int TOP_UP_AT_PERCENT = 75;

  private final KeyHold hold;
  private final Route route;
  private final Budgets budgets;
  private final Context context;
  private long affordableTokens;
  private boolean toppingUp;
  private boolean budgetEmpty;

  SpendMeter(KeyHold hold, Route route, Budgets budgets, Context context) {
    this.hold = hold;
    this.route = route;
    this.budgets = budgets;
    this.context = context;
    this.affordableTokens = affordable();
  }

  /** Whether the answer so far ({@code textBytes} of UTF-8) has outrun what the budget can pay. */
  boolean exhausted(long textBytes) {
    long tokens = textBytes / BYTES_PER_TOKEN;
    if (tokens * 100 >= affordableTokens * TOP_UP_AT_PERCENT && !toppingUp && !budgetEmpty) {
      topUp();
    }
    return tokens > affordableTokens && budgetEmpty && !toppingUp;
  }

  /** The in-band error a stream ends with when its key's budget ran out. */
  GatewayError error() {
    return GatewayError.of(
        ErrorKind.INSUFFICIENT_CREDIT,
        "this key's budget ran out during the answer, which ends here; raise its limit or use"
            + " another key");
  }

  private void topUp() {
    Reservation reservation = hold.reservation().orElseThrow();
    long more = Math.max(1, reservation.amountMicros() / 2);
    toppingUp = true;
    Future.fromCompletionStage(budgets.topUp(reservation, more), context)
        .onComplete(
            grown -> {
              toppingUp = false;
              if (grown.succeeded() && grown.result().amountMicros() > reservation.amountMicros()) {
                hold.toppedUp(grown.result());
                affordableTokens = affordable();
              } else {
                // Nothing left (or the store is unreachable: the gateway fails closed).
                budgetEmpty = true;
              }
            });
  }

  private long affordable() {
    return hold.cost().affordableOutput(route, hold.reservedMicros());
  }
}
