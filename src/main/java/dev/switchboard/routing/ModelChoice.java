package dev.switchboard.routing;

import dev.switchboard.routing.ProviderPreferences.Sort;
import java.util.Optional;

/**
 * A model a request may be served by, with the sort its variant asks for: {@code :floor} sorts by
 * price, {@code :nitro} by throughput.
 */
record ModelChoice(ModelRoutes routes, Optional<Sort.By> variant) {
  String id() {
    return routes.model().id();
  }
}
