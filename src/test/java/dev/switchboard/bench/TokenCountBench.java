package dev.switchboard.bench;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.switchboard.tokens.O200kCounter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * o200k_base token counts, tokens.O200kCounter (what gateway.TokenEstimator counts with) against
 * jtokkit's countTokensOrdinary (what it counted with before) on the same 4 KB texts: English
 * prose, Java code, and CJK text with no split point (jtokkit's and our slowest kind, as the
 * estimator cuts it: in 1 KB pieces). Each text is 4,096 characters: divide ns/op by 4 for ns per
 * KB of characters. Run with bench/jmh.sh TokenCountBench.
 *
 * <p>2026-12-06, issue 14, one run (defaults, 2 cores shared with other builds):
 *
 * <pre>
 *             ours ns/op  jtokkit ns/op  ratio   ours B/op  jtokkit B/op
 *   prose         35,847        240,154   0.15         904        80,282
 *   code          64,878        330,138   0.20         904       117,163
 *   cjk        1,201,558      2,080,106   0.58     274,376     3,604,218
 * </pre>
 *
 * An earlier run gave prose 33,039 vs 188,528 and code 46,591 vs 291,692: read the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenCountBench {
  static final String PROSE =
      fourKb(
          "The committee met on a grey Tuesday morning to decide what should happen to the old"
              + " railway station. Some members wanted it turned into a library; others argued"
              + " that the town could not afford to heat a building of that size, and that a"
              + " small museum would draw more visitors in summer. After two hours of discussion,"
              + " in which nobody changed their mind, the chairwoman proposed a compromise: the"
              + " ticket hall would become a reading room, open four days a week, and the"
              + " platforms would host a market on Saturdays. The vote was close (seven to five)"
              + " but it passed, and the first books arrived in March. ");
  static final String CODE =
      fourKb(
          """
          public final class RetryPolicy {
            private final int maxAttempts;
            private final Duration backoff;

            public RetryPolicy(int maxAttempts, Duration backoff) {
              if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
              }
              this.maxAttempts = maxAttempts;
              this.backoff = Objects.requireNonNull(backoff, "backoff");
            }

            /** Whether {@code attempt} (1-based) may be retried after {@code failure}. */
            public boolean shouldRetry(int attempt, Throwable failure) {
              return attempt < maxAttempts && !(failure instanceof IllegalStateException);
            }

            Duration delay(int attempt) {
              return backoff.multipliedBy(1L << Math.min(attempt - 1, 10)); // capped at 1024x
            }
          }
          """);
  static final String CJK =
      fourKb(
          "委员会在一个阴沉的星期二早上开会决定旧火车站的未来有些成员希望把它改成图书馆另一些人认为"
              + "小镇负担不起这样大的建筑的暖气费用夏天一个小博物馆会吸引更多的游客讨论了两个小时之后"
              + "主席提出了一个折中的办法售票大厅将成为阅览室每周开放四天站台在星期六举办集市");

  private static final O200kCounter OURS = O200kCounter.load();
  private static final Encoding JTOKKIT =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  @Benchmark
  public int proseOurs() {
    return OURS.count(PROSE);
  }

  @Benchmark
  public int proseJtokkit() {
    return JTOKKIT.countTokensOrdinary(PROSE);
  }

  @Benchmark
  public int codeOurs() {
    return OURS.count(CODE);
  }

  @Benchmark
  public int codeJtokkit() {
    return JTOKKIT.countTokensOrdinary(CODE);
  }

  @Benchmark
  public int cjkOurs() {
    int tokens = 0;
    for (int at = 0; at < CJK.length(); at += 1024) {
      tokens += OURS.count(CJK, at, Math.min(CJK.length(), at + 1024));
    }
    return tokens;
  }

  @Benchmark
  public int cjkJtokkit() {
    int tokens = 0;
    for (int at = 0; at < CJK.length(); at += 1024) {
      tokens += JTOKKIT.countTokensOrdinary(CJK.substring(at, Math.min(CJK.length(), at + 1024)));
    }
    return tokens;
  }

  /** {@code text} repeated and cut to 4,096 characters. */
  private static String fourKb(String text) {
    return text.repeat(4096 / text.length() + 1).substring(0, 4096);
  }
}
