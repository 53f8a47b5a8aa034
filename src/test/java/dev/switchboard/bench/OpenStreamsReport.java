package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's figures over one run: resident memory (from /proc, sampled every 100 ms for the
 * peak), file descriptors and threads, the probe's latencies idle, with every stream open and after
 * the load, and optionally a heap histogram diffed against the idle one, per open stream.
 */
final class OpenStreamsReport {
  private static final Pattern HISTO_LINE =
      Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
  private final long pid;
  private final String label;
  private final AtomicLong peak = new AtomicLong();
  private long idleRss;
  private long openRss;
  private int idleFds;
  private int openFds;
  private double rampSeconds;
  private int openAtOnce;
  private int endedEarly;
  private long afterRss;
  private Map<String, long[]> idleHisto = Map.of();
  private OpenStreamsProbe.Figures idle;
  private OpenStreamsProbe.Figures loaded;
  private OpenStreamsProbe.Figures after;

  OpenStreamsReport(long pid, String label) {
    this.pid = pid;
    this.label = label;
    Thread sampler =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (true) {
                    peak.accumulateAndGet(rssKb(), Math::max);
                    try {
                      Thread.sleep(100);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    sampler.setName("rss-sampler");
  }

  void idle(OpenStreamsProbe.Figures figures) {
    idle = figures;
    idleRss = rssKb();
    idleFds = fds();
    if (!OpenStreams.env("HISTO", "").isEmpty()) {
      idleHisto = histogram();
    }
  }

  void allOpen(double seconds, int openNow) {
    rampSeconds = seconds;
    openAtOnce = openNow;
    openRss = rssKb();
    openFds = fds();
  }

  void loaded(OpenStreamsProbe.Figures figures, int endedBefore) {
    loaded = figures;
    endedEarly = endedBefore;
  }

  void afterLoad(OpenStreamsProbe.Figures figures) {
    after = figures;
    afterRss = rssKb();
  }

  /** Prints the classes that grew most between idle and now, per open stream, to {@code file}. */
  void histogram(int openNow, String file) throws IOException {
    Map<String, long[]> now = histogram();
    List<String> lines = new ArrayList<>();
    List<Map.Entry<String, long[]>> grown = new ArrayList<>();
    for (Map.Entry<String, long[]> entry : now.entrySet()) {
      long[] before = idleHisto.getOrDefault(entry.getKey(), new long[2]);
      long[] delta = {entry.getValue()[0] - before[0], entry.getValue()[1] - before[1]};
      grown.add(Map.entry(entry.getKey(), delta));
    }
    grown.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
    long total = grown.stream().mapToLong(e -> Math.max(0, e.getValue()[1])).sum();
    lines.add(
        String.format(
            "heap growth over idle with %d streams open: %.1f MB live, %d bytes per stream",
            openNow, total / 1e6, total / Math.max(1, openNow)));
    lines.add(String.format("%-70s %12s %14s", "class", "objs/stream", "bytes/stream"));
    for (Map.Entry<String, long[]> entry : grown.subList(0, Math.min(30, grown.size()))) {
      lines.add(
          String.format(
              "%-70s %12.2f %14.1f",
              entry.getKey(),
              entry.getValue()[0] / (double) openNow,
              entry.getValue()[1] / (double) openNow));
    }
    Files.write(Path.of(file), lines);
  }

  void print(int streams, int failed, Map<String, AtomicInteger> failures, long chunks) {
    String format = "%-34s %14s%n";
    System.out.printf("== %s: %d streams ==%n", label, streams);
    System.out.printf(format, "ramp to all open (s)", String.format("%.1f", rampSeconds));
    System.out.printf(format, "open at once (max)", openAtOnce);
    System.out.printf(format, "ended before the probe ended", endedEarly);
    System.out.printf(format, "failed streams", failed);
    System.out.printf(format, "chunks received", chunks);
    System.out.printf(format, "RSS idle (MB)", mb(idleRss));
    System.out.printf(format, "RSS all open (MB)", mb(openRss));
    System.out.printf(format, "RSS peak (MB)", mb(peak.get()));
    System.out.printf(format, "RSS after the load (MB)", mb(afterRss));
    System.out.printf(
        format,
        "RSS per open stream (KB)",
        String.format("%.1f", (openRss - idleRss) / (double) Math.max(1, openAtOnce)));
    System.out.printf(format, "gateway fds idle / all open", idleFds + " / " + openFds);
    String probe = "%-34s %9s %9s %9s %7s%n";
    System.out.printf(probe, "probe latency (ms)", "p50", "p99", "max", "n");
    for (String name : idle.latencies().keySet()) {
      row(probe, name + ", idle", idle.latencies().get(name));
      row(probe, name + ", all open", loaded.latencies().get(name));
      row(probe, name + ", after", after.latencies().get(name));
      System.out.printf(
          "%-34s %9.2fx %9.2fx%n",
          name + ", all open / idle",
          p(loaded, name, 50) / p(idle, name, 50),
          p(loaded, name, 99) / p(idle, name, 99));
    }
    System.out.printf(
        "probe failures idle/open/after: %d/%d/%d%n",
        idle.failed(), loaded.failed(), after.failed());
    failures.forEach((kind, n) -> System.out.printf("  failed %6d x %s%n", n.get(), kind));
  }

  private static double p(OpenStreamsProbe.Figures figures, String name, double percentile) {
    return OpenStreamsProbe.Figures.percentile(figures.latencies().get(name), percentile);
  }

  private static void row(String format, String name, double[] sorted) {
    System.out.printf(
        format,
        name,
        String.format("%.2f", OpenStreamsProbe.Figures.percentile(sorted, 50)),
        String.format("%.2f", OpenStreamsProbe.Figures.percentile(sorted, 99)),
        String.format("%.2f", OpenStreamsProbe.Figures.percentile(sorted, 100)),
        sorted.length);
  }

  private static String mb(long kb) {
    return String.format("%.0f", kb / 1024.0);
  }

  private long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private int fds() {
    String[] names = Path.of("/proc/" + pid + "/fd").toFile().list();
    return names == null ? -1 : names.length;
  }

  /** Class name to {instances, bytes} from jcmd GC.class_histogram (which runs a full GC). */
  private Map<String, long[]> histogram() {
    Map<String, long[]> classes = new HashMap<>();
    try {
      Process jcmd =
          new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram")
              .redirectErrorStream(true)
              .start();
      for (String line : new String(jcmd.getInputStream().readAllBytes()).split("\n")) {
        Matcher m = HISTO_LINE.matcher(line);
        if (m.matches()) {
          classes.put(
              m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
      }
      jcmd.waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("jcmd failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return classes;
  }
}
