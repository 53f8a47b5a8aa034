package dev.switchboard.bench;

import dev.switchboard.autoroute.PromptScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What auto routing adds to a request: the wall time of {@code PromptScorer.shipped().score} (the
 * embedding plus the head) on prompts of several sizes, after the one-off load, as p50/p99/max.
 * Also prints the first call's time (weights and ONNX session), and the process CPU time per score,
 * which is what the wall time comes to when nothing else wants the cores. Run with
 * bench/autoroute.sh.
 */
public final class AutorouteLatency {
  private static final String[] WORDS =
      ("the of a to in is that for it as with was on be by this are or from at which an have not"
              + " function return value error file test build server request model price token"
              + " prove integral matrix probability derivative theorem solve equation compute")
          .split(" ");

  private AutorouteLatency() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    PromptScorer scorer = PromptScorer.shipped();
    long start = System.nanoTime();
    scorer.score("warm up: load the weights and the embedding model");
    System.out.printf(
        Locale.ROOT, "first score (loads weights + ONNX session): %.0f ms%n", ms(start));
    Random random = new Random(1);
    int[] sizes = {60, 300, 1_000, 1_800, 20_000};
    List<Double> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      scorer.score(text(random, sizes[i % sizes.length]));
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int size : sizes) {
      long cpu = os.getProcessCpuTime();
      double[] times = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        String prompt = text(random, size);
        long t = System.nanoTime();
        scorer.score(prompt);
        times[i] = ms(t);
        all.add(times[i]);
      }
      print(size + " chars", times);
      // CPU used per score by the whole process (ONNX threads included): about the wall time on
      // an idle machine, whatever else shares the cores.
      System.out.printf(
          Locale.ROOT,
          "       cpu_ms_per_score=%.2f%n",
          (os.getProcessCpuTime() - cpu) / 1e6 / rounds);
    }
    print("all sizes", all.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static void print(String label, double[] times) {
    double[] sorted = times.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "RESULT %-12s n=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
        label,
        sorted.length,
        sorted[sorted.length / 2],
        sorted[(int) Math.ceil(sorted.length * 0.99) - 1],
        sorted[sorted.length - 1]);
  }

  private static String text(Random random, int chars) {
    StringBuilder text = new StringBuilder();
    while (text.length() < chars) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(9) == 0 ? ". " : " ");
    }
    return text.substring(0, chars);
  }

  private static double ms(long start) {
    return (System.nanoTime() - start) / 1e6;
  }
}
