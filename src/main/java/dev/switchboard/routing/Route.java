package dev.switchboard.routing;

import dev.switchboard.catalog.Deployment;
import dev.switchboard.catalog.Provider;
import dev.switchboard.provider.UpstreamEndpoint;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.WireFormat;

/**
 * One deployment ready to call: the model at a provider, in the provider's wire format, with the
 * context window it has there (the deployment's own, else the model's).
 */
public record Route(
    Deployment deployment,
    Provider provider,
    WireFormat format,
    boolean cacheBreakpoints,
    int contextLength) {
  /** With cache breakpoints on translated requests (the default). */
  public Route(Deployment deployment, Provider provider, WireFormat format) {
    this(deployment, provider, format, true);
  }

  /** With the deployment's own context length, or none known (unbounded). */
  public Route(
      Deployment deployment, Provider provider, WireFormat format, boolean cacheBreakpoints) {
    this(
        deployment,
        provider,
        format,
        cacheBreakpoints,
        deployment.contextLength().orElse(Integer.MAX_VALUE));
  }

  public UpstreamEndpoint endpoint() {
    return new UpstreamEndpoint(provider.id(), provider.baseUrl(), provider.apiKey());
  }

  public UpstreamTarget target() {
    return new UpstreamTarget(deployment.upstreamModel(), cacheBreakpoints);
  }
}
