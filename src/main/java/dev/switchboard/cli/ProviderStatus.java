package dev.switchboard.cli;

import dev.switchboard.catalog.Provider;
import dev.switchboard.config.EnvInterpolation.UnsetVariable;
import dev.switchboard.provider.WireFormats;
import java.util.List;
import java.util.Optional;

/**
 * What {@code serve} says at start about each provider: usable (it has credentials, or needs none)
 * or skipped, and why, naming the environment variable to set. Never the key itself.
 */
final class ProviderStatus {
  private ProviderStatus() {}

  /** One line per provider of the catalog. */
  static List<String> lines(Setup setup) {
    int width = setup.catalog().providers().stream().mapToInt(p -> p.id().length()).max().orElse(0);
    return setup.catalog().providers().stream()
        .map(p -> String.format("  %-" + width + "s  %s", p.id(), status(p, setup)))
        .toList();
  }

  /**
   * Warnings for variables the user's own config names but the environment lacks: that is more
   * likely a mistake than a provider left out on purpose.
   */
  static List<String> warnings(Setup setup) {
    String file = setup.configFile().map(Object::toString).orElse("the config");
    return setup.unsetInConfig().stream()
        .map(
            unset ->
                "warning: "
                    + file
                    + ": "
                    + unset.path()
                    + " uses ${"
                    + unset.variable()
                    + "}, which is not set"
                    + (unset.owner().isEmpty()
                        ? ""
                        : "; provider " + unset.owner() + " has no key"))
        .toList();
  }

  private static String status(Provider provider, Setup setup) {
    if (WireFormats.find(provider.format()).isEmpty()) {
      return "skipped: the " + provider.format() + " wire format is not supported yet";
    }
    if (provider.keyless()) {
      return "no key needed";
    }
    if (provider.apiKey().isPresent()) {
      return "credentials set";
    }
    return unsetVariable(provider.id(), setup)
        .map(variable -> "skipped: " + variable + " is not set")
        .orElse("skipped: no api_key configured");
  }

  private static Optional<String> unsetVariable(String providerId, Setup setup) {
    return java.util.stream.Stream.concat(
            setup.unsetInConfig().stream(), setup.unsetInCatalog().stream())
        .filter(unset -> unset.owner().equals(providerId))
        .map(UnsetVariable::variable)
        .findFirst();
  }
}
