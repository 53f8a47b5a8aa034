package dev.switchboard.cli;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Config;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.config.EnvInterpolation.UnsetVariable;
import dev.switchboard.config.YamlLines;
import dev.switchboard.policy.PolicyParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Loads what every command needs: the config file (when present) and the catalog it overrides.
 * {@code unsetInConfig} and {@code unsetInCatalog} are the api_key variables that were not set, in
 * the user's file and in the shipped catalog: start-up names them.
 */
record Setup(
    Config config,
    Catalog catalog,
    Optional<Path> configFile,
    List<UnsetVariable> unsetInConfig,
    List<UnsetVariable> unsetInCatalog) {
  static final Path DEFAULT_CONFIG = Path.of("switchboard.yaml");

  /**
   * Reads {@code configFile}; the default file may be absent (the defaults apply), a file named on
   * the command line may not.
   */
  static Setup load(Path configFile) {
    return load(configFile, System.getenv());
  }

  static Setup load(Path configFile, Map<String, String> env) {
    try {
      return read(configFile, env);
    } catch (ConfigException e) {
      throw atLine(e, configFile);
    }
  }

  /**
   * The error with the line it is on, when it names a field of {@code file}: "switchboard.yaml line
   * 42: policy.classes.regulated.jurisdictions[1]: ...".
   */
  private static ConfigException atLine(ConfigException e, Path file) {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (java.io.IOException | RuntimeException unreadable) {
      return e;
    }
    OptionalInt line = YamlLines.lineOf(yaml, e.path());
    if (line.isEmpty()) {
      return e;
    }
    return new ConfigException(file + " line " + line.getAsInt() + ": " + e.path(), e.problem(), e);
  }

  private static Setup read(Path configFile, Map<String, String> env) {
    List<UnsetVariable> unsetInConfig = new ArrayList<>();
    boolean defaults = configFile.equals(DEFAULT_CONFIG) && !Files.exists(configFile);
    Config config = defaults ? Config.defaults() : Config.load(configFile, env, unsetInConfig::add);
    List<UnsetVariable> unsetInCatalog = new ArrayList<>();
    Catalog catalog =
        Catalog.load(
            EnvInterpolation.apply(Catalog.shippedTree(), env, "catalog", unsetInCatalog::add),
            config.catalog());
    // The policy is checked here, against the catalog, so its errors can name their line.
    PolicyParser.parse(config.policy(), catalog);
    return new Setup(
        config,
        catalog,
        defaults ? Optional.empty() : Optional.of(configFile),
        List.copyOf(unsetInConfig),
        List.copyOf(unsetInCatalog));
  }

  /** Where storage.sqlite_path came from, for messages: the file, or the default. */
  String storageSource() {
    return configFile
        .map(file -> "storage.sqlite_path of " + file)
        .orElse("the default storage.sqlite_path");
  }
}
