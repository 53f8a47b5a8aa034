package dev.switchboard.gateway;

import dev.switchboard.budget.Reservation;
import dev.switchboard.ratelimit.Permit;
import dev.switchboard.routing.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An admitted request's hold on its key's limits: the rate-limit permit, released once at the end,
 * and the budget reservation, which stream top-ups grow. {@code routes} are the planned routes the
 * key may use. Event-loop confined, like the call it belongs to.
 */
final class KeyHold {
  private final Permit permit;
  private final RequestCost cost;
  private final List<Route> routes;
  private final OptionalLong requestedOutput;
  private Optional<Reservation> reservation;
  private boolean released;

  KeyHold(
      Permit permit,
      Optional<Reservation> reservation,
      RequestCost cost,
      List<Route> routes,
      OptionalLong requestedOutput) {
    this.permit = permit;
    this.reservation = reservation;
    this.cost = cost;
    this.routes = List.copyOf(routes);
    this.requestedOutput = requestedOutput;
  }

  private static final Permit NO_PERMIT =
      new Permit() {
        @Override
        public void release(long actualTokens) {}

        @Override
        public Map<String, String> headers() {
          return Map.of();
        }
      };

  /** A hold on nothing: the key has no limits. */
  static KeyHold free(List<Route> routes) {
    return new KeyHold(
        NO_PERMIT, Optional.empty(), new RequestCost(routes, 0), routes, OptionalLong.empty());
  }

  List<Route> routes() {
    return routes;
  }

  Permit permit() {
    return permit;
  }

  RequestCost cost() {
    return cost;
  }

  Optional<Reservation> reservation() {
    return reservation;
  }

  long reservedMicros() {
    return reservation.map(Reservation::amountMicros).orElse(Long.MAX_VALUE);
  }

  void toppedUp(Reservation grown) {
    reservation = Optional.of(grown);
  }

  /**
   * The answer tokens this route may produce for what is reserved, when that is fewer than the
   * request asked for (or than the model's own limit, when it asked for none).
   */
  OptionalLong outputCap(Route route) {
    if (reservation.isEmpty()) {
      return OptionalLong.empty();
    }
    long affordable = cost.affordableOutput(route, reservation.get().amountMicros());
    if (requestedOutput.isPresent() && requestedOutput.getAsLong() <= affordable) {
      return OptionalLong.empty();
    }
    return affordable == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(affordable);
  }

  /** Frees the rate-limit hold with the tokens the request really used; once. */
  void release(long actualTokens) {
    if (!released) {
      released = true;
      permit.release(actualTokens);
    }
  }
}
