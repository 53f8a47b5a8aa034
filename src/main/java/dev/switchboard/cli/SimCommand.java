package dev.switchboard.cli;

import dev.switchboard.Switchboard;
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
    description =
        "Run the simulated providers alone (OpenAI, Anthropic and Gemini formats, any provider id).")
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
    Simulator simulator = Simulator.start(simulation.on(port));
    Shutdown shutdown = Shutdown.onSignal(simulator);
    spec.commandLine()
        .getOut()
        .printf(
            "Simulated providers on %s (any provider id works in the path; append"
                + " /chat/completions, /messages or /models/{model}:generateContent)%n",
            simulator.sim().baseUrl("<provider>"));
    spec.commandLine().getOut().flush();
    shutdown.await();
  }

  /** The simulator and the Vert.x instance it runs on, closed together. */
  record Simulator(Vertx vertx, SimProvider sim) implements AutoCloseable {
    static Simulator start(dev.switchboard.sim.SimOptions options) {
      loadTokenizer();
      Vertx vertx = Vertx.vertx();
      try {
        return new Simulator(vertx, join(SimProvider.start(vertx, options)));
      } catch (RuntimeException e) {
        join(vertx.close());
        throw Switchboard.listenFailure(e, options.host(), options.port());
      }
    }

    /**
     * Builds the simulator's tokenizer (a large vocabulary: seconds on a busy machine) on this
     * thread, before the first request would build it on an event loop, which Vert.x reports with a
     * stack trace on the user's terminal. A stopgap until the sim loads it off the loop itself.
     */
    private static void loadTokenizer() {
      try {
        Class.forName("dev.switchboard.sim.Tokenizer", true, SimProvider.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        // Renamed or gone: the first request loads whatever replaced it.
      }
    }

    /**
     * Closes the server, then Vert.x. Not chained with {@code eventually}: that continuation would
     * run on an event loop which {@code vertx.close()} has already stopped, and never complete.
     */
    @Override
    public void close() {
      try {
        join(sim.close());
      } finally {
        join(vertx.close());
      }
    }
  }

  static <T> T join(io.vertx.core.Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}
