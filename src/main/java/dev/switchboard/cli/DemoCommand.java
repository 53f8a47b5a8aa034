package dev.switchboard.cli;

import dev.switchboard.Switchboard;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.config.Config;
import dev.switchboard.sim.SimOptions;
import dev.switchboard.sim.SimProvider;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The gateway in front of simulated providers: no account, no database server. Every OpenAI-format
 * provider of the catalog is served by one local simulator, and a demo key is printed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the gateway with simulated providers and print a demo key.")
final class DemoCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Gateway port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--db",
      defaultValue = "switchboard-demo.db",
      description = "SQLite ledger of the demo (default: ${DEFAULT-VALUE}).")
  Path database;

  @CommandLine.Mixin
  SimulationOptions simulation =
      new SimulationOptions(
          SimOptions.demo().firstTokenLatency().toMillis(), SimOptions.demo().tokensPerSecond());

  @Override
  public void run() {
    Setup setup = Setup.load(Setup.DEFAULT_CONFIG);
    Vertx simVertx = Vertx.vertx();
    SimProvider sim = join(SimProvider.start(simVertx, simulation.on(0)));
    Config base = setup.config();
    Config config =
        base.withServer(base.server().withPort(port)).withStorage(new Config.Storage(database));
    Switchboard gateway = Switchboard.start(config, Switchboard.simulated(setup.catalog(), sim));
    IssuedKey key = gateway.keys().create("demo", OptionalLong.empty());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Switchboard demo on http://127.0.0.1:%d/v1 with simulated providers (ledger: %s)%n",
        gateway.port(), database);
    out.printf("Demo key (shown once): %s%n%n", key.secret());
    out.printf(
        "  curl http://127.0.0.1:%d/v1/chat/completions -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' \\%n",
        gateway.port(), key.secret());
    out.printf(
        "    -d '{\"model\":\"deepseek/deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'%n%n");
    out.printf("  ./switchboard report --db %s --period week%n", database);
    out.flush();
    ServeCommand.awaitShutdown(gateway, () -> join(sim.close().eventually(simVertx::close)));
  }

  static <T> T join(io.vertx.core.Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}
