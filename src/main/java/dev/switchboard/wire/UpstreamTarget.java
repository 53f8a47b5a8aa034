package dev.switchboard.wire;

/**
 * What a format needs to address one deployment: the provider's own name for the model, and whether
 * a request of another format that carries no cache hints may get prompt-cache breakpoints on its
 * stable prefix (where the format has explicit caching, as Anthropic's has).
 */
public record UpstreamTarget(String upstreamModel, boolean cacheBreakpoints) {
  /** With cache breakpoints (the default). */
  public UpstreamTarget(String upstreamModel) {
    this(upstreamModel, true);
  }
}
