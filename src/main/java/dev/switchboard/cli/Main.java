package dev.switchboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
      PolicyCommand.class,
      RouterCommand.class,
      SimCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print the stack trace of an error, not only its message.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line as {@code main} runs it: errors are one line on stderr and a non-zero exit.
   */
  static CommandLine commandLine() {
    ErrorReport errors = new ErrorReport();
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
