package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's mistakes, run as {@code main} runs them: one line on stderr saying what to fix, a
 * non-zero exit, and no Java in sight unless {@code --verbose} asks for the stack trace.
 */
class CliErrorsTest {
  @TempDir Path dir;

  /** What a command printed and how it ended. */
  record Run(int exit, String out, String err) {
    /** The error lines, without the "using FILE" line that keys and report print first. */
    List<String> errorLines() {
      return err.lines()
          .filter(l -> !l.startsWith("using ") && !l.startsWith("creating "))
          .toList();
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static void assertOneClearLine(Run run, String expected) {
    assertThat(run.exit()).as("exit code").isNotZero();
    assertThat(run.errorLines()).as(run.err()).hasSize(1);
    assertThat(run.errorLines().getFirst())
        .startsWith("switchboard: ")
        .contains(expected)
        .doesNotContain("Exception")
        .doesNotContain("at dev.")
        .doesNotContain("java.");
  }

  @Test
  void portAlreadyInUse_isOneLineNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path config = dir.resolve("switchboard.yaml");
      Files.writeString(
          config,
          "server: {port: %d}\nstorage: {sqlite_path: \"%s\"}\n"
              .formatted(taken.getLocalPort(), dir.resolve("gw.db")));
      Run run = run("serve", "--config", config.toString());
      assertOneClearLine(run, "127.0.0.1:" + taken.getLocalPort());
      assertThat(run.err()).contains("already in use").contains("--port");
    }
  }

  @Test
  void unknownConfigKey_isOneLineNamingTheKey() throws Exception {
    Path config = dir.resolve("switchboard.yaml");
    Files.writeString(config, "server:\n  prot: 8080\n");
    assertOneClearLine(run("serve", "--config", config.toString()), "unknown key \"prot\"");
  }

  @Test
  void missingConfigFile_isOneLineNamingTheFile() {
    Path missing = dir.resolve("nope.yaml");
    assertOneClearLine(run("serve", "--config", missing.toString()), missing.toString());
    assertOneClearLine(run("keys", "list", "--config", missing.toString()), "does not exist");
  }

  @Test
  void duplicateKeyName_isOneLine() {
    String db = dir.resolve("keys.db").toString();
    assertThat(run("keys", "create", "--db", db, "--name", "laptop").exit()).isZero();
    assertOneClearLine(
        run("keys", "create", "--db", db, "--name", "laptop"),
        "an active key is already named 'laptop'");
  }

  @Test
  void limitThatIsNotAWholeMicroDollar_isOneLine() {
    String db = dir.resolve("keys.db").toString();
    assertOneClearLine(
        run("keys", "create", "--db", db, "--name", "a", "--limit-usd", "0.0000001"),
        "not a whole number of micro-dollars");
    assertOneClearLine(
        run("keys", "create", "--db", db, "--name", "a", "--limit-usd", "ten"),
        "not an amount in USD");
  }

  @Test
  void verbose_addsTheStackTrace() {
    String db = dir.resolve("keys.db").toString();
    run("keys", "create", "--db", db, "--name", "laptop");
    Run run = run("keys", "create", "--db", db, "--name", "laptop", "--verbose");
    assertThat(run.exit()).isNotZero();
    assertThat(run.err())
        .contains("switchboard: an active key is already named 'laptop'")
        .contains("IllegalArgumentException")
        .contains("at dev.switchboard.");
  }
}
