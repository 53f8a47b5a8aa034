package dev.switchboard.cli;

import dev.switchboard.sim.SimOptions;
import dev.switchboard.sim.SimProvider;
import io.vertx.core.Vertx;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs only the simulated providers, for benchmarks and for pointing a gateway's config at them. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "Run the simulated OpenAI-compatible providers alone.")
final class SimCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "9090", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--first-token-ms", defaultValue = "0", description = "Time to first token (default: ${DEFAULT-VALUE}).")
  long firstTokenMs;

  @Option(names = "--tokens-per-second", defaultValue = "0", description = "Generation speed, 0 = unpaced (default: ${DEFAULT-VALUE}).")
  int tokensPerSecond;

  @Override
  public void run() {
    Vertx vertx = Vertx.vertx();
    SimOptions options = new SimOptions("127.0.0.1", port, Duration.ofMillis(firstTokenMs), tokensPerSecond, SimOptions.defaults().seed());
    SimProvider sim = DemoCommand.join(SimProvider.start(vertx, options));
    spec.commandLine().getOut().printf("Simulated providers on %s (any provider id works in the path)%n", sim.baseUrl("<provider>"));
    spec.commandLine().getOut().flush();
    ServeCommand.awaitShutdown(() -> DemoCommand.join(sim.close().eventually(vertx::close)));
  }
}
