package dev.switchboard.routing;

import dev.switchboard.catalog.Model;
import java.util.Optional;

/**
 * A hard filter from outside routing (the sourcing policy): which deployments a request may never
 * use, whatever its client asks. A refused route is named in the no-endpoints error under the label
 * returned, which says which rule refused it and why.
 */
@FunctionalInterface
public interface RouteFilter {
  /** Refuses nothing. */
  RouteFilter NONE = (model, route) -> Optional.empty();

  /**
   * Empty when {@code route} (a deployment of {@code model}) may serve the request, else the label
   * of the rule that refuses it, such as {@code policy.classes.regulated.jurisdictions}.
   */
  Optional<String> refusal(Model model, Route route);
}
