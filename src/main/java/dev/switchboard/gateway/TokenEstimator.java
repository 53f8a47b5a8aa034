package dev.switchboard.gateway;

import dev.switchboard.tokens.O200kCounter;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.Utf8;
import io.vertx.core.Context;

/**
 * Counts tokens with o200k_base when a provider reports none. The result is flagged estimated in
 * the ledger and in the response, because other models' tokenizers differ.
 *
 * <p>The work is linear and bounded: the first {@link #BPE_BUDGET} characters of a request are
 * counted by BPE in pieces of at most {@link #PIECE} characters (the BPE is superlinear on long
 * runs with no split point, such as one repeated letter), and whatever lies beyond is counted as
 * UTF-8 bytes / {@link #BYTES_PER_TOKEN}, the usual rule of thumb. The prompt count never exceeds
 * the model's context length. It still takes up to about 10 ms (a budget of CJK text with no split
 * point; about 0.3 ms of prose): call it off the event loop.
 */
public final class TokenEstimator {
  /** Characters per request counted by BPE; beyond that, by bytes. */
  static final int BPE_BUDGET = 16 * 1024;

  /** Longest text given to the BPE at once; a cut inside a word costs at most one token. */
  static final int PIECE = 1024;

  static final int BYTES_PER_TOKEN = 4;

  // OpenAI counts about 4 tokens of framing per message and 3 to prime the answer.
  private static final int PER_MESSAGE = 4;
  private static final int PER_REQUEST = 3;

  private TokenEstimator() {}

  /**
   * The encoding, loaded by the first estimate that needs it (about 0.1 s and 5 MB of heap, off the
   * event loop): most providers report usage, and a gateway whose providers all do never loads it.
   */
  private static final class Bpe {
    static final O200kCounter O200K = O200kCounter.load();
  }

  /** Estimates a request's usage; {@code contextLength} caps the prompt tokens. */
  public static Usage estimate(ChatRequest request, String completionText, int contextLength) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("token estimates block: run them off the event loop");
    }
    Budget budget = new Budget(BPE_BUDGET);
    long prompt = prompt(request, contextLength, budget);
    return Usage.estimated(prompt, budget.count(completionText));
  }

  /**
   * The prompt's tokens, capped at {@code contextLength}. Work grows with the prompt: on an event
   * loop only for short ones.
   */
  public static long promptTokens(ChatRequest request, int contextLength) {
    return prompt(request, contextLength, new Budget(BPE_BUDGET));
  }

  /**
   * The prompt's tokens at {@value #BYTES_PER_TOKEN} UTF-8 bytes each, with the same framing:
   * linear in the prompt and no BPE (microseconds, not the BPE's 20 or so per KB), for an estimate
   * the provider's own count later replaces.
   */
  public static long promptTokensByBytes(ChatRequest request, int contextLength) {
    return prompt(request, contextLength, new Budget(0));
  }

  private static long prompt(ChatRequest request, int contextLength, Budget budget) {
    long prompt = PER_REQUEST;
    if (!request.system().isEmpty()) {
      prompt += PER_MESSAGE + budget.count(Message.textOf(request.system()));
    }
    for (Message message : request.messages()) {
      // Text, reasoning, tool calls and tool results: everything the model reads.
      prompt += PER_MESSAGE + budget.count(message.text());
    }
    return Math.min(prompt, Math.max(0, contextLength));
  }

  /** What is left of one request's BPE budget. */
  private static final class Budget {
    private int chars;

    Budget(int chars) {
      this.chars = chars;
    }

    long count(String text) {
      int bpe = cutPoint(text, Math.min(text.length(), chars));
      chars -= bpe;
      long tokens = 0;
      for (int at = 0; at < bpe; ) {
        int end = cutPoint(text, Math.min(bpe, at + PIECE));
        tokens += Bpe.O200K.count(text, at, end);
        at = end;
      }
      return tokens + ceilDiv(utf8Length(text, bpe), BYTES_PER_TOKEN);
    }
  }

  /** {@code at}, moved back by one if it would split a surrogate pair. */
  private static int cutPoint(String text, int at) {
    return at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1))
        ? at - 1
        : at;
  }

  /** The UTF-8 length of {@code text} from {@code from} on, without encoding it. */
  static long utf8Length(String text, int from) {
    return Utf8.length(text, from, text.length());
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
