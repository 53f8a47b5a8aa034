package dev.switchboard.cli;

import dev.switchboard.Switchboard;
import dev.switchboard.config.Config;
import dev.switchboard.storage.Databases;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the gateway against real providers, configured by switchboard.yaml and the environment. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run the gateway (configured by switchboard.yaml and provider keys in the environment).")
final class ServeCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      description = "YAML config file (default: ${DEFAULT-VALUE}).",
      defaultValue = "switchboard.yaml")
  Path configFile;

  @Option(names = "--port", description = "Override server.port.")
  Integer port;

  @Override
  public void run() {
    Setup setup = Setup.load(configFile);
    Config config = setup.config();
    if (port != null) {
      config = config.withServer(config.server().withPort(port));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProviderStatus.warnings(setup).forEach(err::println);
    err.flush();
    Switchboard gateway = Switchboard.start(config, setup.catalog());
    Shutdown shutdown = Shutdown.onSignal(gateway);
    HeapAfterStart.settle();
    out.printf(
        "Switchboard listening on http://%s:%d/v1 (ledger: %s)%n",
        config.server().host(), gateway.port(), Databases.describe(config.storage()));
    ProviderStatus.lines(setup).forEach(out::println);
    out.flush();
    shutdown.await();
  }
}
