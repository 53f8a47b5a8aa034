package dev.switchboard.provider;

import dev.switchboard.wire.UntrustedText;
import dev.switchboard.wire.UpstreamFailure;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Every configured provider credential, to remove from what providers send back: a provider that
 * echoes the headers it received must not show our key to a client or a log. Immutable.
 */
final class ProviderSecrets {
  private final List<String> secrets;

  ProviderSecrets(Collection<String> secrets) {
    this.secrets = List.copyOf(secrets);
  }

  /** The body with every credential replaced, before anything parses or clips it. */
  byte[] remove(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    String clean = UntrustedText.removeSecrets(text, secrets);
    return clean.equals(text) ? body : clean.getBytes(StandardCharsets.UTF_8);
  }

  UpstreamFailure scrub(UpstreamFailure failure) {
    String clean = UntrustedText.scrub(failure.detail(), secrets);
    return clean.equals(failure.detail()) ? failure : failure.withDetail(clean);
  }
}
