package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What a client asked of the gateway's routing, in OpenRouter's terms: a fallback list of models
 * and the {@code provider} preferences object (read by routing, never sent upstream).
 */
public record RoutingHints(List<String> models, Optional<JsonNode> provider) {
  public static final RoutingHints NONE = new RoutingHints(List.of(), Optional.empty());

  public RoutingHints {
    models = List.copyOf(models);
  }
}
