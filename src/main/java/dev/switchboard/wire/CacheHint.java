package dev.switchboard.wire;

import java.util.Optional;

/**
 * A prompt-cache breakpoint on a block (Anthropic's {@code cache_control: {type: "ephemeral"}}):
 * everything up to and including the block may be cached. {@code ttl} is "5m" or "1h"; empty means
 * the provider's default (5 minutes).
 */
public record CacheHint(Optional<String> ttl) {
  public static final CacheHint EPHEMERAL = new CacheHint(Optional.empty());
}
