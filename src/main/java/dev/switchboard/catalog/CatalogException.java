package dev.switchboard.catalog;

import dev.switchboard.config.ConfigNode;

/**
 * An invalid catalog entry. The message starts with the field path: {@code
 * catalog.deployments[3].price.input} for the user's overrides, {@code shipped.models[2]...} for
 * the catalog that ships with the gateway.
 */
public final class CatalogException extends RuntimeException {
  private final String path;

  public CatalogException(String path, String problem) {
    super(ConfigNode.describe(path, problem));
    this.path = path;
  }

  public String path() {
    return path;
  }
}
