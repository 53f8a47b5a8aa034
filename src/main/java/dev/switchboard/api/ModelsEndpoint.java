package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.DataPolicy;
import dev.switchboard.catalog.Deployment;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.PriceSheet;
import dev.switchboard.catalog.Provider;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.ListedModel;
import dev.switchboard.wire.ModelListing;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET /v1/models and GET /v1/models/{author}/{slug} in OpenRouter's shape (prices as USD-per-token
 * strings), plus the OpenAI fields SDKs expect and our own: origin country, open weights, and every
 * provider serving the model. The catalog is fixed for the life of the process, so the bodies are
 * built once. One model is the list's entry on its own, as OpenAI's retrieve answers.
 */
final class ModelsEndpoint {
  private final byte[] list;
  private final Map<String, byte[]> byId = new HashMap<>();
  private final List<ListedModel> listed = new ArrayList<>();

  ModelsEndpoint(Catalog catalog) {
    ObjectNode root = Json.object().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (Model model : catalog.models()) {
      ObjectNode entry = model(model, catalog);
      data.add(entry);
      byId.put(model.id(), Json.bytes(entry));
      listed.add(new ListedModel(model.id(), model.name(), model.created()));
    }
    this.list = Json.bytes(root);
  }

  byte[] list() {
    return list;
  }

  /** The list in the shape of the format whose client asked, else OpenRouter's. */
  byte[] list(Optional<ModelListing> shape) {
    return shape.map(listing -> listing.encodeModelList(listed)).orElse(list);
  }

  Future<byte[]> one(String id) {
    byte[] model = byId.get(id);
    return model != null
        ? Future.succeededFuture(model)
        : Future.failedFuture(
            GatewayError.builder(
                    ErrorKind.MODEL_NOT_FOUND,
                    "no model '" + GenerationEndpoint.clip(id) + "' in this gateway's catalog")
                .param("model")
                .build());
  }

  private static ObjectNode model(Model model, Catalog catalog) {
    ObjectNode out =
        Json.object()
            .put("id", model.id())
            .put("object", "model")
            .put("created", model.created())
            .put("owned_by", model.author());
    out.put("canonical_slug", model.id())
        .put("name", model.name())
        .put("description", model.description())
        .put("context_length", model.contextLength());
    out.set("architecture", architecture(model));
    List<Deployment> deployments = catalog.deploymentsOf(model.id());
    Optional<Deployment> cheapest =
        deployments.stream()
            .filter(d -> usable(d, catalog))
            .min(Comparator.comparingLong(d -> d.prices().input().microsPerMillion()));
    cheapest
        .or(() -> deployments.stream().findFirst())
        .ifPresent(d -> out.set("pricing", pricing(d.prices())));
    ObjectNode top =
        out.putObject("top_provider")
            .put("context_length", model.contextLength())
            .put("is_moderated", false);
    model.maxOutputTokens().ifPresent(max -> top.put("max_completion_tokens", max));
    model.supportedParameters().forEach(out.putArray("supported_parameters")::add);
    out.put("origin_country", model.originCountry()).put("open_weights", model.openWeights());
    model.totalParams().ifPresent(total -> out.put("total_params", total));
    model.activeParams().ifPresent(active -> out.put("active_params", active));
    ArrayNode providers = out.putArray("providers");
    deployments.forEach(
        d ->
            catalog
                .provider(d.providerId())
                .ifPresent(p -> providers.add(provider(d, p, catalog))));
    return out;
  }

  private static ObjectNode provider(Deployment deployment, Provider provider, Catalog catalog) {
    ObjectNode out =
        Json.object()
            .put("id", provider.id())
            .put("name", provider.name())
            .put("jurisdiction", provider.jurisdiction());
    out.put("format", provider.format()).put("available", usable(deployment, catalog));
    out.set("pricing", pricing(deployment.prices()));
    deployment.contextLength().ifPresent(length -> out.put("context_length", length));
    DataPolicy policy = provider.dataPolicy();
    ObjectNode data = out.putObject("data_policy");
    policy.retainsPrompts().ifPresent(value -> data.put("retains_prompts", value));
    policy.trainsOnPrompts().ifPresent(value -> data.put("trains_on_prompts", value));
    policy.zeroRetention().ifPresent(value -> data.put("zero_retention", value));
    return out;
  }

  /** OpenRouter's architecture object: modality, input and output modalities. */
  static ObjectNode architecture(Model model) {
    ObjectNode architecture = Json.object();
    architecture.put(
        "modality",
        String.join("+", model.inputModalities())
            + "->"
            + String.join("+", model.outputModalities()));
    model.inputModalities().forEach(architecture.putArray("input_modalities")::add);
    model.outputModalities().forEach(architecture.putArray("output_modalities")::add);
    return architecture;
  }

  /** OpenRouter's pricing object: USD per token as decimal strings; cache writes at 5 minutes. */
  static ObjectNode pricing(PriceSheet prices) {
    return Json.object()
        .put("prompt", prices.input().usdPerTokenString())
        .put("completion", prices.output().usdPerTokenString())
        .put("input_cache_read", prices.cachedInput().usdPerTokenString())
        .put("input_cache_write", prices.cacheWrite5m().usdPerTokenString())
        .put("request", "0")
        .put("image", "0");
  }

  /** Callable: its provider has credentials and a wire format this build speaks. */
  static boolean usable(Deployment deployment, Catalog catalog) {
    return catalog
        .provider(deployment.providerId())
        .filter(Provider::configured)
        .filter(p -> WireFormats.find(p.format()).isPresent())
        .isPresent();
  }
}
