package dev.switchboard.autoroute;

import dev.switchboard.autoroute.CrossValidation.Protocol;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * {@code switchboard router eval}: every approach under both protocols on each benchmark, beside
 * the random router and the per-prompt optimum, printed as a Markdown table (the README's).
 */
public final class Evaluation {
  static final List<String> BENCHMARKS =
      List.of(RouteLlmData.MMLU, RouteLlmData.GSM8K, RouteLlmData.MT_BENCH);
  private static final int RANDOM_SEEDS = 100;
  private static final int RESAMPLES = 2000;

  private Evaluation() {}

  /** The approaches compared, the shipped one first. */
  static List<Approach> approaches() {
    return List.of(
        new RidgeStumpsApproach(Training.VERSION),
        new RidgeApproach(true, "ridge"),
        new KnnApproach(KnnApproach.K),
        new RidgeApproach(false, "lexical"));
  }

  /** Prints the table for the approaches whose name contains {@code only} (all when empty). */
  public static void run(Corpus corpus, String only, PrintWriter out) {
    out.println("| benchmark | router | held out by | APGR | CPT(50%) | CPT(80%) |");
    out.println("|---|---|---|---|---|---|");
    for (String benchmark : BENCHMARKS) {
      List<Row> rows = corpus.rows();
      List<Row> members =
          rows.stream().filter(r -> r.example().benchmark().equals(benchmark)).toList();
      double[] strong = members.stream().mapToDouble(r -> r.example().strong()).toArray();
      double[] weak = members.stream().mapToDouble(r -> r.example().weak()).toArray();
      for (Approach approach : approaches()) {
        if (!approach.name().contains(only)) {
          continue;
        }
        for (Protocol protocol : Protocol.values()) {
          double[] scores = CrossValidation.scores(approach, rows, benchmark, protocol);
          Metrics m = RouteEval.evaluate(scores, strong, weak);
          String apgr = format(m.apgr());
          if (benchmark.equals(RouteLlmData.MT_BENCH)) {
            double[] ci = RouteEval.apgrInterval(scores, strong, weak, RESAMPLES);
            apgr += " [" + format(ci[0]) + ", " + format(ci[1]) + "]";
          }
          row(
              out,
              benchmark,
              approach.name(),
              protocol.label,
              apgr,
              percent(m.cpt50()),
              percent(m.cpt80()));
        }
      }
      double[] random = RouteEval.random(strong, weak, RANDOM_SEEDS);
      row(
          out,
          benchmark,
          "random (mean of 100)",
          "-",
          format(random[0]),
          percent(random[1]),
          percent(random[2]));
      Metrics best = RouteEval.optimum(strong, weak);
      row(
          out,
          benchmark,
          "per-prompt optimum",
          "-",
          format(best.apgr()),
          percent(best.cpt50()),
          percent(best.cpt80()));
    }
    out.flush();
  }

  private static void row(PrintWriter out, String... cells) {
    out.println("| " + String.join(" | ", cells) + " |");
    out.flush();
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
