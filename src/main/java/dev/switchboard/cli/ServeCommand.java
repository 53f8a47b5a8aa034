package dev.switchboard.cli;

import dev.switchboard.Switchboard;
import dev.switchboard.config.Config;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
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
    Switchboard gateway = Switchboard.start(config, setup.catalog());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Switchboard listening on http://%s:%d/v1 (ledger: %s)%n",
        config.server().host(), gateway.port(), config.storage().sqlitePath());
    out.flush();
    awaitShutdown(gateway);
  }

  /**
   * Blocks until SIGTERM/SIGINT, then stops gracefully: open streams finish and every row is
   * committed.
   */
  static void awaitShutdown(AutoCloseable... resources) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (AutoCloseable resource : resources) {
                    try {
                      resource.close();
                    } catch (Exception e) {
                      // Keep closing the rest; the JVM is going down anyway.
                    }
                  }
                  stopped.countDown();
                },
                "switchboard-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
