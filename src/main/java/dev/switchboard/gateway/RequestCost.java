package dev.switchboard.gateway;

import dev.switchboard.money.Price;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.Usage;
import java.util.List;

/**
 * What a request costs at a route's list prices, before it runs: its prompt (counted by the
 * tokenizer) and a number of answer tokens. Over several routes (the fallbacks), the dearest: a
 * reservation must pay for whichever answers.
 */
final class RequestCost {
  private final List<Route> routes;
  private final long promptTokens;

  RequestCost(List<Route> routes, long promptTokens) {
    this.routes = List.copyOf(routes);
    this.promptTokens = promptTokens;
  }

  long promptTokens() {
    return promptTokens;
  }

  /** The prompt at this route's input price, in micro-dollars. */
  long inputMicros(Route route) {
    return route.deployment().prices().cost(Usage.estimated(promptTokens, 0)).micros();
  }

  /** The prompt and {@code outputTokens} at the dearest route, in micro-dollars. */
  long dearest(long outputTokens) {
    long most = 0;
    for (Route route : routes) {
      long micros =
          route.deployment().prices().cost(Usage.estimated(promptTokens, outputTokens)).micros();
      most = Math.max(most, micros);
    }
    return most;
  }

  /**
   * How many answer tokens {@code reservedMicros} pays for at this route, after its prompt; {@code
   * Long.MAX_VALUE} when output is free.
   */
  long affordableOutput(Route route, long reservedMicros) {
    Price output = route.deployment().prices().output();
    long left = reservedMicros - inputMicros(route);
    if (output.microsPerMillion() == 0) {
      return Long.MAX_VALUE;
    }
    if (left <= 0) {
      return 0;
    }
    // A price per million tokens in micro-dollars is a price per token in pico-dollars.
    long picos = left > Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE : left * 1_000_000;
    return picos / output.microsPerMillion();
  }
}
