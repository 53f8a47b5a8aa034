package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code switchboard serve --config FILE} in a JVM of its own (this test JVM's class path), for
 * tests that stop it with a signal: started once it says it listens, its output drained after that
 * so it never blocks on a full pipe.
 */
public final class ServeProcess {
  private ServeProcess() {}

  public static Process start(Path config) throws IOException {
    Process serve =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--config",
                config.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    String line;
    StringBuilder said = new StringBuilder();
    do {
      line = out.readLine();
      if (line != null) {
        said.append(line).append('\n');
      }
    } while (line != null && !line.contains("listening"));
    assertThat(line).as("the gateway started; it said:%n%s", said).isNotNull();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                out.lines().forEach(ignored -> {});
              } catch (UncheckedIOException gone) {
                // The process died: nothing more to read.
              }
            });
    return serve;
  }
}
