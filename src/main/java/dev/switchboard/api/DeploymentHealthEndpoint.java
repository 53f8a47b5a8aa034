package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Deployment;
import dev.switchboard.health.DeploymentStatus;
import dev.switchboard.health.HealthView;
import dev.switchboard.wire.Json;
import java.util.Comparator;
import java.util.List;

/**
 * GET /api/v1/deployments/health: every deployment of the catalog (a model at a provider) with its
 * live health from the tracker: state, uptime, time to first token, latency and throughput over the
 * last 5 minutes and hour. Those with the most attempts in the last hour come first. Health is the
 * gateway's, not a key's: any valid key may read it.
 */
final class DeploymentHealthEndpoint {
  private final Catalog catalog;
  private final HealthView health;

  DeploymentHealthEndpoint(Catalog catalog, HealthView health) {
    this.catalog = catalog;
    this.health = health;
  }

  byte[] all() {
    record Entry(Deployment deployment, DeploymentStatus status) {}
    List<Entry> entries =
        catalog.deployments().stream()
            .map(deployment -> new Entry(deployment, health.status(deployment.key())))
            .sorted(
                Comparator.comparingLong((Entry e) -> -e.status().lastHour().attempts())
                    .thenComparing(e -> e.deployment().key()))
            .toList();
    ObjectNode root = Json.object();
    ArrayNode data = root.putArray("data");
    entries.forEach(e -> data.add(entry(e.deployment(), e.status())));
    return Json.bytes(root);
  }

  private ObjectNode entry(Deployment deployment, DeploymentStatus status) {
    ObjectNode out =
        Json.object()
            .put("deployment", deployment.key())
            .put("model", deployment.modelId())
            .put("provider", deployment.providerId());
    catalog
        .provider(deployment.providerId())
        .ifPresent(
            provider ->
                out.put("provider_name", provider.name())
                    .put("jurisdiction", provider.jurisdiction()));
    out.setAll(ModelEndpointsEndpoint.health(status));
    return out;
  }
}
