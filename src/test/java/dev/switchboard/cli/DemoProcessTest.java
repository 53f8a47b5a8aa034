package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `switchboard demo` in its own JVM, in one folder, as a newcomer runs it: the printed key works,
 * SIGTERM (what Ctrl-C also triggers) ends it quietly, and a second demo in the same folder starts
 * and prints a new key that works.
 */
class DemoProcessTest {
  private static final Duration GENEROUS = Duration.ofSeconds(90);
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES) // two JVMs start in turn on a shared, loaded machine
  void sigtermEndsTheDemoQuietly_andASecondDemoInTheSameFolderPrintsAWorkingKey() throws Exception {
    int port = freePort();
    Process first = start("first", "demo", "--port", String.valueOf(port));
    String firstKey = awaitKey("first");
    assertThat(chat(port, firstKey).statusCode()).isEqualTo(200);
    stop(first, "first");

    Process second = start("second", "demo", "--port", String.valueOf(port));
    String secondKey = awaitKey("second");
    assertThat(secondKey).isNotEqualTo(firstKey);
    assertThat(chat(port, secondKey).statusCode()).isEqualTo(200);
    assertThat(chat(port, firstKey).statusCode()).as("the old demo key was revoked").isEqualTo(401);
    stop(second, "second");
  }

  @Test
  void sigtermEndsTheSimulatorQuietly() throws Exception {
    Process sim = start("sim", "sim", "--port", "0");
    awaitLine("sim", "Simulated providers on");
    stop(sim, "sim");
  }

  @Test
  void keysInTheDemosFolder_pointToTheDemosDatabase_ratherThanMakeAnEmptyOne() throws Exception {
    SqliteDatabase.open(dir.resolve(DemoCommand.DEMO_DATABASE)).close();
    Process keys = start("keys", "keys", "list");
    assertThat(keys.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(keys.exitValue()).as("no ./switchboard.db in this folder").isNotZero();
    assertThat(read("keys.err"))
        .contains("no database at " + dir.resolve("switchboard.db"))
        .contains("add --db switchboard-demo.db");
    assertThat(dir.resolve("switchboard.db")).doesNotExist();
  }

  private Process start(String name, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".err").toFile())
            .start();
    started.add(process);
    return process;
  }

  /** Polls the demo's output for the line {@code export KEY=...} and returns the key. */
  private String awaitKey(String name) throws Exception {
    return awaitLine(name, "export KEY=").substring("export KEY=".length());
  }

  /** Polls a process's output for a line starting with {@code prefix}; returns it, stripped. */
  private String awaitLine(String name, String prefix) throws Exception {
    Instant deadline = Instant.now().plus(GENEROUS);
    while (Instant.now().isBefore(deadline)) {
      Optional<String> line =
          read(name + ".out")
              .lines()
              .map(String::strip)
              .filter(l -> l.startsWith(prefix))
              .findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no line '" + prefix + "' printed; stderr: " + read(name + ".err"));
  }

  /**
   * SIGTERM: the demo exits by itself, with a signal's exit code, and prints nothing alarming while
   * it stops (what it printed before is not this test's subject).
   */
  private void stop(Process demo, String name) throws Exception {
    int before = read(name + ".err").length();
    demo.destroy();
    assertThat(demo.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS))
        .as("the demo exited after SIGTERM; stderr: %s", read(name + ".err"))
        .isTrue();
    assertThat(demo.exitValue()).isIn(0, 143);
    assertThat(read(name + ".err").substring(before))
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  private String read(String file) throws IOException {
    Path path = dir.resolve(file);
    return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
  }

  private static HttpResponse<String> chat(int port, String key) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
            .header("authorization", "Bearer " + key)
            .header("content-type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"deepseek/deepseek-v3.2\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
