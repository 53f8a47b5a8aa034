package dev.switchboard.bench;

import dev.switchboard.insight.category.Categorizer;
import dev.switchboard.insight.category.Category;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The task classifier every ledger row runs on its event loop (insight.category.Categorizer): the
 * bench's 1 KB support ticket (bench/chat.lua, no rule matches until ANALYSIS), a coding question,
 * a coding agent's turn and 4 KB of prose, the most it reads. Run with bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CategorizerBench {
  static final String TICKET =
      "Summarize the following support ticket in two sentences and suggest one next step. "
          + "Ticket: The customer reports that since the last update, exporting a report to CSV"
          + " intermittently fails with a timeout after about thirty seconds. It happens mostly"
          + " for reports with more than ten thousand rows, and only in the afternoon. Retrying"
          + " sometimes works. They are on the Business plan, region eu-west, and have already"
          + " cleared their browser cache and tried two browsers. They need the export for a"
          + " board meeting on Friday and ask whether there is a workaround or an ETA for a fix."
          + " Please keep the tone friendly.";
  static final String SYSTEM = "You are a concise, helpful customer-support assistant.";
  private static final String CODE =
      "Why does this loop never end? I call it from main.py with a list of ten items.\n"
          + "```\nwhile i < len(items):\n    total += items[i]\n```";
  private static final String PROSE =
      ("The river had been rising for three days before anyone in the village thought to move"
              + " the grain from the lower barns. By the fourth morning the water reached the"
              + " steps of the chapel, and the old ferryman, who had seen two such floods in his"
              + " life, said quietly that this one would be remembered longer than either. ")
          .repeat(16);

  /** The bench's request: a summary is asked for, found by the fourth rule. */
  @Benchmark
  public Category ticket() {
    return Categorizer.of(TICKET, SYSTEM, false, false);
  }

  /** A coding question with a fence: the first rule. */
  @Benchmark
  public Category code() {
    return Categorizer.of(CODE, "", false, false);
  }

  /**
   * A coding agent's turn: tools offered and used, a short instruction, a system prompt that says
   * what it is in its first sentence and runs on for kilobytes (Claude Code's is 10 to 30 KB).
   */
  @Benchmark
  public Category agent() {
    return Categorizer.of(
        "Fix the failing test in the export module.",
        "You are Claude Code, Anthropic's official CLI for Claude. " + PROSE,
        true,
        true);
  }

  /** 4 KB of prose that matches no rule: every rule reads all of it. */
  @Benchmark
  public Category prose() {
    return Categorizer.of(PROSE, "", false, false);
  }
}
