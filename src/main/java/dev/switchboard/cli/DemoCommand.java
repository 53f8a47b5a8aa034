package dev.switchboard.cli;

import dev.switchboard.Switchboard;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyStore;
import dev.switchboard.config.Config;
import dev.switchboard.policy.PolicyParser;
import dev.switchboard.sim.SimOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The gateway in front of simulated providers: no account, no database server. Every provider of
 * the catalog is served by one local simulator in its own wire format, and a demo key is printed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the gateway with simulated providers and print a demo key.")
final class DemoCommand implements Runnable {
  static final String DEMO_DATABASE = "switchboard-demo.db";
  private static final String KEY_NAME = "demo";

  /**
   * The gateway's per-request log lines (held here so the level set on it stays): quiet while the
   * demo's own traffic runs, which would bury the banner under a few lines a second.
   */
  private static final Logger REQUEST_LINES = Logger.getLogger("switchboard.requests");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Gateway port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--db",
      defaultValue = DEMO_DATABASE,
      description = "SQLite ledger of the demo (default: ${DEFAULT-VALUE}).")
  Path database;

  @Option(
      names = "--no-traffic",
      description =
          "Send no demo traffic (by default a few simulated agents and apps keep the dashboard busy).")
  boolean noTraffic;

  @CommandLine.Mixin
  SimulationOptions simulation =
      new SimulationOptions(
          SimOptions.demo().firstTokenLatency().toMillis(), SimOptions.demo().tokensPerSecond());

  @Override
  public void run() {
    Setup setup = Setup.load(Setup.DEFAULT_CONFIG);
    SimCommand.Simulator simulator = SimCommand.Simulator.start(simulation.on(0));
    Switchboard gateway;
    try {
      gateway = Switchboard.start(demoConfig(setup.config()), simulated(setup, simulator));
    } catch (RuntimeException e) {
      simulator.close();
      throw e;
    }
    IssuedKey key;
    try {
      key = freshKey(gateway.keys());
    } catch (RuntimeException e) {
      Shutdown.closeAll(gateway, simulator);
      throw e;
    }
    HeapAfterStart.settle();
    if (!noTraffic) {
      REQUEST_LINES.setLevel(Level.SEVERE);
    }
    AutoCloseable traffic = noTraffic ? () -> {} : DemoTraffic.start(gateway.port(), key.secret());
    Shutdown shutdown = Shutdown.onSignal(traffic, gateway, simulator);
    DemoBanner.print(
        spec.commandLine().getOut(), gateway.port(), database, key.secret(), !noTraffic);
    shutdown.await();
  }

  /**
   * The config's settings with the demo's port and ledger; the simulator's fault header reaches the
   * simulator, so a user can make a provider fail and watch the fallback.
   */
  private Config demoConfig(Config base) {
    return base.withServer(base.server().withPort(port))
        .withStorage(new Config.Storage(database))
        .withUpstream(base.upstream().withForwardSimFaultHeader(true))
        .withPolicy(base.policy().isEmpty() ? PolicyParser.example() : base.policy());
  }

  private static dev.switchboard.catalog.Catalog simulated(
      Setup setup, SimCommand.Simulator simulator) {
    return Switchboard.simulated(setup.catalog(), simulator.sim());
  }

  /**
   * A new demo key on every start: the secret of the last one was never stored, so it is revoked
   * and replaced (a second demo in the same folder just works).
   */
  private static IssuedKey freshKey(KeyStore keys) {
    keys.revoke(KEY_NAME);
    return keys.create(KEY_NAME, OptionalLong.empty());
  }

  /** What the demo prints once it listens: the key and commands to copy. */
  static final class DemoBanner {
    private DemoBanner() {}

    static void print(PrintWriter out, int port, Path database, String secret, boolean traffic) {
      out.printf(
          "Switchboard demo on http://127.0.0.1:%d/v1 with simulated providers (ledger: %s)%n%n",
          port, database);
      out.printf("Dashboard: http://127.0.0.1:%d/ (sign in with the demo key below)%n", port);
      out.printf(
          traffic
              ? "Simulated agents and apps send it traffic; their request lines are not printed"
                  + " here: the dashboard's live log shows them (--no-traffic: none, and every"
                  + " request printed).%n%n"
              : "No demo traffic (--no-traffic): the dashboard shows your own requests.%n%n");
      out.printf("The demo key (shown once; a restart makes a new one). Copy these lines:%n%n");
      out.printf("  export KEY=%s%n", secret);
      out.printf(
          "  curl http://127.0.0.1:%d/v1/chat/completions -H \"Authorization: Bearer $KEY\""
              + " -H 'Content-Type: application/json' \\%n",
          port);
      out.printf(
          "    -d '{\"model\":\"deepseek/deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'%n%n");
      out.printf(
          "Add -H 'x-sim-fault: status-503' and the cheapest provider fails: the gateway falls back"
              + " to the next one (other faults: see README.md).%n");
      out.printf(
          "A data policy is on (yours, else the example in policy.yaml): a card number keeps a"
              + " request on zero-retention US/EU providers, an email is redacted. Ask why:%n");
      out.printf(
          "  curl http://127.0.0.1:%d/api/v1/policy/scan -H \"Authorization: Bearer $KEY\" -d"
              + " '{\"model\":\"moonshotai/kimi-k2.5\",\"messages\":[{\"role\":\"user\","
              + "\"content\":\"Refund card 4111 1111 1111 1111 to jane@example.com\"}]}'%n%n",
          port);
      out.printf("  ./switchboard keys list --db %s%n", database);
      out.printf("  ./switchboard report --db %s%n", database);
      out.printf("Ctrl-C stops the demo.%n");
      out.flush();
    }
  }
}
