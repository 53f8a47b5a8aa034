package dev.switchboard.cli;

import dev.switchboard.sim.SimProvider;
import io.vertx.core.Vertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs only the simulated providers, for benchmarks and for pointing a gateway's config at them.
 */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Run the simulated OpenAI-compatible providers alone.")
final class SimCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "9090",
      description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @CommandLine.Mixin SimulationOptions simulation = new SimulationOptions(0, 0);

  @Override
  public void run() {
    Vertx vertx = Vertx.vertx();
    SimProvider sim = DemoCommand.join(SimProvider.start(vertx, simulation.on(port)));
    spec.commandLine()
        .getOut()
        .printf(
            "Simulated providers on %s (any provider id works in the path)%n",
            sim.baseUrl("<provider>"));
    spec.commandLine().getOut().flush();
    ServeCommand.awaitShutdown(() -> DemoCommand.join(sim.close().eventually(vertx::close)));
  }
}
