package dev.switchboard.cli;

import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns an error into one line on stderr and exit code 1 (2 for a wrong command line). The messages
 * of our exceptions are written for people; a stack trace only appears with {@code --verbose},
 * because it helps a developer and frightens everyone else.
 */
final class ErrorReport
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  static final int FAILED = 1;
  static final int USAGE = 2;

  @Override
  public int handleExecutionException(Exception error, CommandLine command, ParseResult parsed)
      throws Exception {
    PrintWriter err = command.getErr();
    err.println("switchboard: " + message(error));
    err.flush();
    if (verbose(parsed)) {
      throw error; // picocli prints the trace of an exception its handler rethrows
    }
    return FAILED;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException error, String[] args) {
    CommandLine command = error.getCommandLine();
    command
        .getErr()
        .printf(
            "switchboard: %s (see '%s --help')%n",
            error.getMessage(), command.getCommandSpec().qualifiedName());
    command.getErr().flush();
    return USAGE;
  }

  /** The message people can act on: wrappers peeled off, never a Java class name. */
  static String message(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String text = cause.getMessage();
    if (text == null || text.isBlank() || !writtenForPeople(cause)) {
      return "unexpected internal error; run again with --verbose to see where";
    }
    return text;
  }

  /** Exceptions whose messages say what to fix, in words rather than in Java. */
  private static boolean writtenForPeople(Throwable error) {
    return error instanceof IllegalArgumentException
        || error instanceof IllegalStateException
        || error.getClass().getPackageName().startsWith("dev.switchboard");
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
