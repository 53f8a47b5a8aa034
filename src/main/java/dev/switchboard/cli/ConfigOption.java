package dev.switchboard.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option of a command that reads switchboard.yaml and no database. */
final class ConfigOption {
  @Option(
      names = "--config",
      defaultValue = "switchboard.yaml",
      description = "Config file, as for serve (default: ${DEFAULT-VALUE}).")
  Path configFile;

  Setup setup() {
    return Setup.load(configFile);
  }
}
