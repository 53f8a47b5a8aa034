package dev.switchboard.wire.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.wire.Usage;
import dev.switchboard.wire.conformance.Capabilities.Aspect;
import java.util.Optional;

/**
 * Asserts that an answer kept its meaning on the way from a provider's format to a client's:
 * everything in {@link Gist}, less what {@link Capabilities} says the client's format cannot hold.
 */
final class SameMeaning {
  private SameMeaning() {}

  static void assertSurvived(String client, Gist upstream, Gist seen, String cell) {
    assertThat(seen.text()).as("%s: answer text", cell).isEqualTo(upstream.text());
    assertThat(seen.reasoning()).as("%s: reasoning text", cell).isEqualTo(upstream.reasoning());
    assertThat(seen.calls())
        .as("%s: tool calls (name, JSON arguments)", cell)
        .isEqualTo(upstream.calls());
    assertThat(seen.finish())
        .as("%s: finish reason", cell)
        .isEqualTo(upstream.finish().map(reason -> Capabilities.asSeenBy(client, reason)));
    if (!Capabilities.loses(client, Aspect.REASONING_SIGNATURE)) {
      assertThat(seen.signatures())
          .as("%s: thinking signatures", cell)
          .isEqualTo(
              upstream.signatures().stream()
                  .map(signature -> Capabilities.signatureAsSeenBy(client, signature))
                  .toList());
    }
    if (!Capabilities.loses(client, Aspect.REDACTED_REASONING)) {
      assertThat(seen.redactedBlocks())
          .as("%s: redacted reasoning blocks", cell)
          .isEqualTo(upstream.redactedBlocks());
    }
  }

  /** The usage a client read back against the settled usage the gateway gave its encoder. */
  static void assertUsage(
      String client, Usage settled, Optional<Usage> seen, byte[] wire, String cell) {
    assertThat(seen).as("%s: usage reaches the client", cell).isPresent();
    Usage usage = seen.orElseThrow();
    assertThat(usage.promptTokens())
        .as("%s: prompt tokens", cell)
        .isEqualTo(settled.promptTokens());
    assertThat(usage.completionTokens())
        .as("%s: completion tokens", cell)
        .isEqualTo(settled.completionTokens());
    assertThat(usage.cachedPromptTokens())
        .as("%s: cached prompt tokens", cell)
        .isEqualTo(settled.cachedPromptTokens());
    if (!Capabilities.loses(client, Aspect.REASONING_TOKENS)) {
      assertThat(usage.reasoningTokens())
          .as("%s: reasoning tokens", cell)
          .isEqualTo(settled.reasoningTokens());
    }
    if (!Capabilities.loses(client, Aspect.CACHE_WRITES)) {
      assertThat(usage.cacheWrite5mTokens())
          .as("%s: 5-minute cache writes", cell)
          .isEqualTo(settled.cacheWrite5mTokens());
      assertThat(usage.cacheWrite1hTokens())
          .as("%s: 1-hour cache writes", cell)
          .isEqualTo(settled.cacheWrite1hTokens());
    }
    if (!Capabilities.loses(client, Aspect.COST)) {
      // Decoders ignore a cost (only the gateway prices): the client's bytes must carry it exactly.
      assertThat(Relay.text(wire))
          .as("%s: the cost, every digit, in what the client receives", cell)
          .contains(Relay.COST.toPlainString());
    }
  }
}
