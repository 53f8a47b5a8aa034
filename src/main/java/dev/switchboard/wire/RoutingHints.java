package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a client asked of the gateway's routing, in OpenRouter's terms: a fallback list of models
 * and the {@code provider} preferences object, plus the auto router's {@code auto} option (an
 * object or a tier name, checked by the auto router). Read by routing, never sent upstream.
 */
public record RoutingHints(
    List<String> models, Optional<JsonNode> provider, Optional<JsonNode> auto) {
  public static final RoutingHints NONE =
      new RoutingHints(List.of(), Optional.empty(), Optional.empty());

  /**
   * The body fields meant for the gateway (OpenRouter's names, and {@code auto}), removed before a
   * body in the OpenAI or Responses format is relayed as it came: providers would reject them.
   */
  public static final List<String> GATEWAY_FIELDS =
      List.of(
          "models",
          "fallbacks",
          "provider",
          "auto",
          "route",
          "transforms",
          "plugins",
          "usage",
          "session_id",
          "trace",
          "debug");

  /** More fallbacks than any client needs; a bound keeps planning cheap. */
  public static final int MAX_MODELS = 16;

  /** OpenRouter's limit on its Messages-API {@code fallbacks}. */
  static final int MAX_FALLBACK_OBJECTS = 3;

  public RoutingHints {
    models = List.copyOf(models);
  }

  /** Hints without the auto router's option. */
  public RoutingHints(List<String> models, Optional<JsonNode> provider) {
    this(models, provider, Optional.empty());
  }

  /** These hints with {@code fallbacks} in place of the client's {@code models}. */
  public RoutingHints withModels(List<String> fallbacks) {
    return new RoutingHints(fallbacks, provider, auto);
  }

  /**
   * The {@code models} and {@code provider} fields of a request body (the provider object is
   * checked by routing, field by field), or OpenRouter's Messages-API {@code fallbacks} in place of
   * {@code models}.
   *
   * @throws WireException naming {@code models} when it is not a short list of model ids, or {@code
   *     provider} when it is not an object
   */
  public static RoutingHints read(ObjectNode body) throws WireException {
    JsonNode models = body.get("models");
    JsonNode provider = body.get("provider");
    JsonNode fallbacks = body.get("fallbacks");
    JsonNode auto = body.get("auto");
    if ((models == null || models.isNull())
        && (provider == null || provider.isNull())
        && (fallbacks == null || fallbacks.isNull())
        && (auto == null || auto.isNull())) {
      return NONE;
    }
    List<String> names = new ArrayList<>();
    if (fallbacks != null && !fallbacks.isNull()) {
      if (models != null && !models.isNull()) {
        throw new WireException(
            "fallbacks: send either models or fallbacks, not both", "fallbacks", null);
      }
      readFallbacks(fallbacks, names);
    }
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
    if (auto != null && !auto.isNull() && !auto.isObject() && !auto.isTextual()) {
      throw new WireException("auto: expected an object or a tier name", "auto", null);
    }
    return new RoutingHints(names, present(provider), present(auto));
  }

  private static Optional<JsonNode> present(JsonNode node) {
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
  }

  /** OpenRouter's Messages-API form: at most 3 objects, each {@code {"model": "<id>"}} alone. */
  private static void readFallbacks(JsonNode fallbacks, List<String> names) throws WireException {
    if (!fallbacks.isArray() || fallbacks.size() > MAX_FALLBACK_OBJECTS) {
      throw new WireException(
          "fallbacks: expected an array of at most "
              + MAX_FALLBACK_OBJECTS
              + " {\"model\"} objects",
          "fallbacks",
          null);
    }
    for (int i = 0; i < fallbacks.size(); i++) {
      JsonNode entry = fallbacks.get(i);
      JsonNode model = entry.isObject() && entry.size() == 1 ? entry.get("model") : null;
      if (model == null || !model.isTextual() || model.asText().isBlank()) {
        throw new WireException(
            "fallbacks[" + i + "]: expected {\"model\": \"<model id>\"} and nothing else",
            "fallbacks[" + i + "]",
            null);
      }
      names.add(model.asText());
    }
  }
}
