package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@code jvm.options} and {@link HeapAfterStart} promise together, in a JVM started with the
 * launcher's flags: the young generation is small while start-up's garbage is collected, and the
 * one full collection after start sizes it for traffic.
 */
class HeapAfterStartTest {
  private static final long MB = 1024 * 1024;

  @Test
  void theLaunchersFlagsStartWithASmallYoungGenerationThatTheSettlingCollectionGrows()
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(launcherFlags());
    command.add("--enable-native-access=ALL-UNNAMED"); // the jar's manifest says so; -cp does not
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
    Process probe =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(probe.exitValue()).as(out).isZero();
    String[] sizes = out.split(" ");
    long before = Long.parseLong(sizes[0]);
    long after = Long.parseLong(sizes[1]);
    assertThat(before).as("eden before, " + out).isLessThanOrEqualTo(8 * MB);
    // Young: half the old generation (256 MB of -Xms264m); eden: 3/5 of it (-XX:SurvivorRatio=3).
    assertThat(after).as("eden after, " + out).isBetween(64 * MB, 96 * MB);
  }

  /** The launcher's flags: jvm.options without its comments. */
  private static List<String> launcherFlags() throws IOException {
    return Files.readAllLines(Path.of("jvm.options")).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  /** Prints the eden space's committed bytes before and after {@link HeapAfterStart#settle}. */
  static final class Probe {
    private Probe() {}

    public static void main(String[] args) {
      MemoryPoolMXBean eden =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(pool -> pool.getName().equals("Eden Space"))
              .findFirst()
              .orElseThrow();
      long before = eden.getUsage().getCommitted();
      HeapAfterStart.settle();
      System.out.println(before + " " + eden.getUsage().getCommitted());
    }
  }
}
