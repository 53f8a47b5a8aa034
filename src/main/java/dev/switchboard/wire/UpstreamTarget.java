package dev.switchboard.wire;

import java.util.OptionalLong;

/**
 * What a format needs to address one deployment: the provider's own name for the model, whether a
 * request of another format that carries no cache hints may get prompt-cache breakpoints on its
 * stable prefix (where the format has explicit caching, as Anthropic's has), and an output cap the
 * gateway imposes (a budget that pays for no more tokens): the request's own max tokens is lowered
 * to it, never raised.
 */
public record UpstreamTarget(
    String upstreamModel, boolean cacheBreakpoints, OptionalLong outputCap) {
  /** With cache breakpoints (the default) and no cap. */
  public UpstreamTarget(String upstreamModel) {
    this(upstreamModel, true, OptionalLong.empty());
  }

  /** Without a cap. */
  public UpstreamTarget(String upstreamModel, boolean cacheBreakpoints) {
    this(upstreamModel, cacheBreakpoints, OptionalLong.empty());
  }

  /** The same target with output capped at {@code maxTokens} (at least 1). */
  public UpstreamTarget capped(long maxTokens) {
    return new UpstreamTarget(
        upstreamModel, cacheBreakpoints, OptionalLong.of(Math.max(1, maxTokens)));
  }

  /** The tokens a request may ask for: its own limit, lowered to the cap. */
  public OptionalLong maxTokens(OptionalLong requested) {
    if (outputCap.isEmpty()) {
      return requested;
    }
    long cap = outputCap.getAsLong();
    return OptionalLong.of(requested.isPresent() ? Math.min(requested.getAsLong(), cap) : cap);
  }
}
