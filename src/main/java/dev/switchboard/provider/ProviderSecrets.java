package dev.switchboard.provider;

import dev.switchboard.wire.UntrustedText;
import dev.switchboard.wire.UpstreamFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every configured provider credential, to remove from what providers send back: a provider that
 * echoes the headers or the URL it received must not show our key to a client or a log. The keys,
 * and what a base URL carries (query values such as {@code ?key=}, a user-info password).
 * Immutable.
 */
final class ProviderSecrets {
  private final List<String> secrets;

  ProviderSecrets(Collection<UpstreamEndpoint> endpoints) {
    Set<String> all = new LinkedHashSet<>();
    for (UpstreamEndpoint endpoint : endpoints) {
      endpoint.apiKey().ifPresent(all::add);
      all.addAll(inUrl(endpoint.baseUrl()));
    }
    this.secrets = List.copyOf(all);
  }

  /** The body with every credential replaced, before anything parses or clips it. */
  byte[] remove(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    String clean = UntrustedText.removeSecrets(text, secrets);
    return clean.equals(text) ? body : clean.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> inUrl(String url) {
    List<String> found = new ArrayList<>();
    try {
      URI uri = new URI(url);
      Optional.ofNullable(uri.getRawUserInfo()).ifPresent(found::add);
      Optional.ofNullable(uri.getRawQuery())
          .ifPresent(
              query -> {
                for (String pair : query.split("&")) {
                  String value = pair.substring(pair.indexOf('=') + 1);
                  found.add(value);
                  found.add(URLDecoder.decode(value, StandardCharsets.UTF_8));
                }
              });
    } catch (URISyntaxException | IllegalArgumentException e) {
      // The whole URL then: it cannot be parsed, so nothing in it can be told apart.
      found.add(url);
    }
    return found;
  }

  UpstreamFailure scrub(UpstreamFailure failure) {
    String clean = UntrustedText.scrub(failure.detail(), secrets);
    return clean.equals(failure.detail()) ? failure : failure.withDetail(clean);
  }
}
