package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a client asked of the gateway's routing, in OpenRouter's terms: a fallback list of models
 * and the {@code provider} preferences object (read by routing, never sent upstream).
 */
public record RoutingHints(List<String> models, Optional<JsonNode> provider) {
  public static final RoutingHints NONE = new RoutingHints(List.of(), Optional.empty());

  /** More fallbacks than any client needs; a bound keeps planning cheap. */
  public static final int MAX_MODELS = 16;

  public RoutingHints {
    models = List.copyOf(models);
  }

  /**
   * The {@code models} and {@code provider} fields of a request body (the provider object is
   * checked by routing, field by field).
   *
   * @throws WireException naming {@code models} when it is not a short list of model ids, or {@code
   *     provider} when it is not an object
   */
  public static RoutingHints read(ObjectNode body) throws WireException {
    JsonNode models = body.get("models");
    JsonNode provider = body.get("provider");
    if ((models == null || models.isNull()) && (provider == null || provider.isNull())) {
      return NONE;
    }
    List<String> names = new ArrayList<>();
    if (models != null && !models.isNull()) {
      if (!models.isArray() || models.size() > MAX_MODELS) {
        throw new WireException(
            "models: expected an array of at most " + MAX_MODELS + " model ids", "models", null);
      }
      for (int i = 0; i < models.size(); i++) {
        JsonNode model = models.get(i);
        if (!model.isTextual() || model.asText().isBlank()) {
          throw new WireException(
              "models[" + i + "]: expected a model id", "models[" + i + "]", null);
        }
        names.add(model.asText());
      }
    }
    if (provider != null && !provider.isNull() && !provider.isObject()) {
      throw new WireException("provider: expected an object", "provider", null);
    }
    return new RoutingHints(
        names, provider == null || provider.isNull() ? Optional.empty() : Optional.of(provider));
  }
}
