package dev.switchboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar switchboard.jar <command>}. */
@Command(
    name = "switchboard",
    mixinStandardHelpOptions = true,
    version = "switchboard 0.1.0",
    description =
        "Self-hosted model gateway: one OpenAI-compatible endpoint in front of every provider.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      KeysCommand.class,
      ReportCommand.class,
      SimCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
