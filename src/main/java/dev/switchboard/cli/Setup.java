package dev.switchboard.cli;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.config.EnvInterpolation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Loads what every command needs: the config file (when present) and the catalog it overrides. */
record Setup(Config config, Catalog catalog) {
  static final Path DEFAULT_CONFIG = Path.of("switchboard.yaml");

  static Setup load(Path configFile) {
    Map<String, String> env = System.getenv();
    Config config =
        Files.exists(configFile) ? Config.load(configFile, env) : defaultsUnlessNamed(configFile);
    Catalog catalog =
        Catalog.load(
            EnvInterpolation.apply(Catalog.shippedTree(), env, "catalog"), config.catalog());
    return new Setup(config, catalog);
  }

  private static Config defaultsUnlessNamed(Path configFile) {
    if (!configFile.equals(DEFAULT_CONFIG)) {
      throw new IllegalArgumentException("config file not found: " + configFile);
    }
    return Config.defaults();
  }
}
