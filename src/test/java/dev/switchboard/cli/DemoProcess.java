package dev.switchboard.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code switchboard demo} in a JVM of its own (this test JVM's class path) and its own folder, as
 * a user starts it: the port it listens on and the demo key it printed.
 */
public final class DemoProcess implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(90);
  private final Process process;
  private final Path dir;
  private final int port;
  private final String key;

  private DemoProcess(Process process, Path dir, int port, String key) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.key = key;
  }

  /** Starts a demo in {@code dir} with {@code args} added, and waits for its key. */
  public static DemoProcess start(Path dir, String... args) throws Exception {
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "demo",
                "--port",
                String.valueOf(port)));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("demo.out").toFile())
            .redirectError(dir.resolve("demo.err").toFile())
            .start();
    try {
      return new DemoProcess(process, dir, port, awaitKey(process, dir));
    } catch (Exception | AssertionError e) {
      process.destroyForcibly();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  /** The demo key it printed (which sees all the demo's traffic). */
  public String key() {
    return key;
  }

  /** What the demo printed on stdout so far. */
  public String output() throws IOException {
    return read(dir.resolve("demo.out"));
  }

  private static String awaitKey(Process process, Path dir) throws Exception {
    String prefix = "export KEY=";
    Instant deadline = Instant.now().plus(START);
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      Optional<String> line =
          read(dir.resolve("demo.out"))
              .lines()
              .map(String::strip)
              .filter(l -> l.startsWith(prefix))
              .findFirst();
      if (line.isPresent()) {
        return line.get().substring(prefix.length());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the demo printed no key; stderr: " + read(dir.resolve("demo.err")));
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
