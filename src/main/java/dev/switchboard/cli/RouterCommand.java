package dev.switchboard.cli;

import dev.switchboard.autoroute.Corpus;
import dev.switchboard.autoroute.Evaluation;
import dev.switchboard.autoroute.PromptScorer;
import dev.switchboard.autoroute.ScoreLines;
import dev.switchboard.autoroute.Training;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The auto router's model: train it, evaluate it, score prompts with it. */
@Command(
    name = "router",
    mixinStandardHelpOptions = true,
    description = "The auto router's scoring model: train, eval, score.",
    subcommands = {RouterCommand.Train.class, RouterCommand.Eval.class, RouterCommand.Score.class})
final class RouterCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where the benchmark data and the embedding cache are. */
  static final class DataOptions {
    @Option(
        names = "--data",
        defaultValue = "${env:SWITCHBOARD_ROUTER_DATA:-../shared/router-data/routellm-evals}",
        description = "The routellm-evals folder (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(
        names = "--cache",
        defaultValue = "${sys:user.home}/.cache/switchboard/autoroute-embeddings.bin",
        description =
            "Embeddings of the benchmark prompts, kept between runs (default: ${DEFAULT-VALUE}).")
    Path cache;

    Corpus corpus(PrintWriter log) throws IOException {
      if (!data.toFile().isDirectory()) {
        throw new IllegalArgumentException(data + ": no such folder (set --data)");
      }
      return Corpus.load(data, cache, log);
    }
  }

  /** {@code switchboard router train}: fit on every labelled prompt, write the weights file. */
  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = "Train the shipped approach on all benchmark prompts and write its weights.")
  static final class Train implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DataOptions options = new DataOptions();

    @Option(
        names = "--out",
        defaultValue = "src/main/resources/autoroute/weights.json",
        description = "The weights file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
      PrintWriter log = spec.commandLine().getErr();
      Corpus corpus = options.corpus(log);
      Training.write(Training.train(corpus), out);
      spec.commandLine().getOut().printf("wrote %s (%d prompts)%n", out, corpus.size());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code switchboard router eval}: the README's table, every figure out of fold. */
  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description =
          "APGR, CPT(50%) and CPT(80%) per benchmark for each approach (5-fold and"
              + " cross-benchmark), the random router and the per-prompt optimum.")
  static final class Eval implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DataOptions options = new DataOptions();

    @Option(
        names = "--approach",
        defaultValue = "",
        description = "Only approaches whose name contains this (default: all).")
    String approach;

    @Override
    public Integer call() throws IOException {
      Corpus corpus = options.corpus(spec.commandLine().getErr());
      Evaluation.run(corpus, approach, spec.commandLine().getOut());
      return 0;
    }
  }

  /** {@code switchboard router score}: JSON lines in, scores out. */
  @Command(
      name = "score",
      mixinStandardHelpOptions = true,
      description =
          "Read JSON lines {\"id\", \"prompt\"} on standard input, write {\"id\", \"score\"} lines:"
              + " the estimate in [0, 1] that the prompt needs the strong model.")
  static final class Score implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--weights",
        description = "A weights file from router train (default: the shipped weights).")
    @Nullable Path weights;

    @Override
    public Integer call() throws IOException {
      PromptScorer scorer = weights == null ? PromptScorer.shipped() : ScoreLines.fromFile(weights);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      int errors = ScoreLines.run(in, spec.commandLine().getOut(), scorer);
      return errors == 0 ? 0 : 1;
    }
  }
}
