package dev.switchboard.cli;

import dev.switchboard.sim.SimOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How fast the simulated providers answer; shared by {@code demo} and {@code sim}. */
final class SimulationOptions {
  @Option(
      names = "--first-token-ms",
      description = "Simulated time to first token in ms (default: ${DEFAULT-VALUE}).")
  long firstTokenMs;

  @Option(
      names = "--tokens-per-second",
      description = "Simulated generation speed, 0 = unpaced (default: ${DEFAULT-VALUE}).")
  int tokensPerSecond;

  SimulationOptions(long firstTokenMs, int tokensPerSecond) {
    this.firstTokenMs = firstTokenMs;
    this.tokensPerSecond = tokensPerSecond;
  }

  SimOptions on(int port) {
    return new SimOptions(
        "127.0.0.1",
        port,
        Duration.ofMillis(firstTokenMs),
        tokensPerSecond,
        SimOptions.defaults().seed());
  }
}
