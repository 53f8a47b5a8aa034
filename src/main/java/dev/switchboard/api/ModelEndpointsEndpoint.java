package dev.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.DataPolicy;
import dev.switchboard.catalog.Deployment;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.Provider;
import dev.switchboard.health.DeploymentStatus;
import dev.switchboard.health.HealthView;
import dev.switchboard.health.Percentiles;
import dev.switchboard.health.WindowStats;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.Optional;

/**
 * GET /api/v1/models/{author}/{slug}/endpoints: every provider serving a model, in OpenRouter's
 * shape, with live health from the tracker, plus our own jurisdiction, data policy and health
 * detail. Model ids are catalog ids (aliases are not resolved, as GET /v1/models/{id} does not).
 *
 * <p>{@code status}: 0 healthy, -1 probing (its ejection ran out, one try at a time), -2 ejected,
 * -3 not callable here (its provider has no credentials or speaks a format this build lacks).
 * Statistics are over the last 5 minutes (and hour, under {@code health}); latency is time to first
 * token, as OpenRouter's; uptime is a percentage; each is null while nothing was measured.
 */
final class ModelEndpointsEndpoint {
  private final Catalog catalog;
  private final HealthView health;

  ModelEndpointsEndpoint(Catalog catalog, HealthView health) {
    this.catalog = catalog;
    this.health = health;
  }

  Future<byte[]> of(String modelId) {
    Optional<Model> model = catalog.model(modelId);
    if (model.isEmpty()) {
      return Future.failedFuture(
          GatewayError.builder(
                  ErrorKind.MODEL_NOT_FOUND,
                  "no model '" + GenerationEndpoint.clip(modelId) + "' in this gateway's catalog")
              .param("model")
              .build());
    }
    return Future.succeededFuture(Json.bytes(Json.object().set("data", body(model.get()))));
  }

  private ObjectNode body(Model model) {
    ObjectNode out =
        Json.object()
            .put("id", model.id())
            .put("name", model.name())
            .put("created", model.created())
            .put("description", model.description());
    out.set("architecture", ModelsEndpoint.architecture(model));
    ArrayNode endpoints = out.putArray("endpoints");
    for (Deployment deployment : catalog.deploymentsOf(model.id())) {
      catalog
          .provider(deployment.providerId())
          .ifPresent(provider -> endpoints.add(endpoint(model, deployment, provider)));
    }
    return out;
  }

  private ObjectNode endpoint(Model model, Deployment deployment, Provider provider) {
    DeploymentStatus status = health.status(deployment.key());
    String quantization = deployment.quantization();
    ObjectNode out =
        Json.object()
            .put("name", provider.name() + " | " + model.id())
            .put("model_id", model.id())
            .put("model_name", model.name())
            .put("provider_name", provider.name())
            .put(
                "tag",
                quantization.equals("unknown")
                    ? provider.id()
                    : provider.id() + "/" + quantization);
    out.put("context_length", deployment.effectiveContextLength(model));
    deployment
        .effectiveMaxOutputTokens(model)
        .ifPresentOrElse(
            max -> out.put("max_completion_tokens", max),
            () -> out.putNull("max_completion_tokens"));
    out.putNull("max_prompt_tokens");
    out.set("pricing", ModelsEndpoint.pricing(deployment.prices()));
    out.put("quantization", quantization);
    out.put("status", ModelsEndpoint.usable(deployment, catalog) ? code(status.state()) : -3);
    deployment
        .supportedParameters()
        .orElse(model.supportedParameters())
        .forEach(out.putArray("supported_parameters")::add);
    WindowStats recent = status.last5m();
    putPercent(out, "uptime_last_5m", recent.uptime());
    putPercent(out, "uptime_last_1h", status.lastHour().uptime());
    out.set("latency_last_5m", percentiles(recent.firstTokenMs()));
    out.set("throughput_last_5m", percentiles(recent.tokensPerSecond()));
    out.put("jurisdiction", provider.jurisdiction());
    out.set("data_policy", dataPolicy(provider.dataPolicy()));
    out.set("health", health(status));
    return out;
  }

  private static int code(DeploymentStatus.State state) {
    return switch (state) {
      case HEALTHY -> 0;
      case PROBING -> -1;
      case EJECTED -> -2;
    };
  }

  /** The tracker's view of one deployment: state, faults in a row, ejection and both windows. */
  static ObjectNode health(DeploymentStatus status) {
    ObjectNode out =
        Json.object()
            .put("state", status.state().name().toLowerCase(Locale.ROOT))
            .put("consecutive_faults", status.consecutiveFaults());
    status
        .ejectedUntil()
        .ifPresentOrElse(
            until -> out.put("ejected_until", until.toString()),
            () -> out.putNull("ejected_until"));
    WindowStats recent = status.last5m();
    if (recent.attempts() == 0) {
      out.putNull("error_rate_last_5m");
    } else {
      out.put("error_rate_last_5m", round(recent.errorRate(), 4));
    }
    out.set("last_5m", window(recent));
    out.set("last_hour", window(status.lastHour()));
    return out;
  }

  private static ObjectNode window(WindowStats stats) {
    ObjectNode out =
        Json.object()
            .put("attempts", stats.attempts())
            .put("faults", stats.faults())
            .put("rate_limited", stats.rateLimited());
    putPercent(out, "uptime", stats.uptime());
    out.set("first_token_ms", percentiles(stats.firstTokenMs()));
    out.set("latency_ms", percentiles(stats.latencyMs()));
    out.set("tokens_per_second", percentiles(stats.tokensPerSecond()));
    return out;
  }

  /** p50..p99 to a tenth, or a JSON null while nothing was measured. */
  private static JsonNode percentiles(Percentiles values) {
    if (!values.known()) {
      return NullNode.getInstance();
    }
    return Json.object()
        .put("p50", round(values.p50(), 1))
        .put("p75", round(values.p75(), 1))
        .put("p90", round(values.p90(), 1))
        .put("p99", round(values.p99(), 1));
  }

  /** A 0..1 share as a 0..100 percentage to two decimals; null when unknown (NaN). */
  private static void putPercent(ObjectNode out, String field, double share) {
    if (Double.isNaN(share)) {
      out.putNull(field);
    } else {
      out.put(field, round(share * 100, 2));
    }
  }

  private static ObjectNode dataPolicy(DataPolicy policy) {
    ObjectNode out = Json.object();
    putFlag(out, "retains_prompts", policy.retainsPrompts());
    putFlag(out, "trains_on_prompts", policy.trainsOnPrompts());
    putFlag(out, "zero_retention", policy.zeroRetention());
    return out;
  }

  private static void putFlag(ObjectNode out, String field, Optional<Boolean> value) {
    value.ifPresentOrElse(flag -> out.put(field, flag), () -> out.putNull(field));
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
