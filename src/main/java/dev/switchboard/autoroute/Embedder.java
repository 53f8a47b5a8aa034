package dev.switchboard.autoroute;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * all-MiniLM-L6-v2 (the quantised ONNX model and its tokenizer, bundled in langchain4j's artifact)
 * run in-process: a text to a unit-length 384-dimension vector, the mean of its token vectors.
 *
 * <p>Its cost grows with the tokens it reads, so it reads at most {@link #HEAD_TOKENS} from the
 * start of the text and {@link #TAIL_TOKENS} from its end, whatever the language or the characters
 * per token: the cost of a score has a ceiling. The text is tokenized once (langchain4j's wrapper
 * tokenized it three times) and the ONNX session runs on the calling thread alone: on two shared
 * cores a second intra-op thread costs more CPU in hand-offs than it saves in wall time. The
 * session is created on the first call, not before.
 */
final class Embedder {
  /** The dimension of the vectors. */
  static final int DIMENSION = 384;

  /**
   * Tokens read from the start of a text (the question and its setting usually sit there). Each
   * token costs about 0.17 ms on the 2-core machine; 28 + 12 keep a long prompt's score near 8 ms
   * under load, and score within 0.01 APGR of 96 + 32 on the benchmarks (README, "Auto router").
   */
  static final int HEAD_TOKENS = 28;

  /** Tokens read from its end (the instruction or the choices often sit there). */
  static final int TAIL_TOKENS = 12;

  /**
   * Characters kept per token read before tokenizing, so that the tokenizer never reads more text
   * than the model will (it cost 2 ms on 1,800 characters); generous, as English averages about 4.
   */
  private static final int CHARS_PER_TOKEN = 10;

  private static final String MODEL = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  private final int headTokens;
  private final int tailTokens;
  private volatile @Nullable Session session;
  private final Logger quietLogger = Logger.getLogger("ai.djl");

  Embedder() {
    this(HEAD_TOKENS, TAIL_TOKENS);
  }

  /** An embedder that reads {@code headTokens} + {@code tailTokens} of a long text. */
  Embedder(int headTokens, int tailTokens) {
    this.headTokens = headTokens;
    this.tailTokens = tailTokens;
  }

  /** What this embedder computes: the model and the tokens it reads (keys cached embeddings). */
  String name() {
    return "all-MiniLM-L6-v2-q/" + headTokens + "+" + tailTokens;
  }

  /** The unit-length embedding of {@code text}. */
  float[] embed(String text) {
    Session s = session();
    long[] ids = tokens(s.tokenizer, text);
    return s.run(ids);
  }

  /** Whether the ONNX session exists yet (it is created by the first {@link #embed}). */
  boolean loaded() {
    return session != null;
  }

  /** The token ids the model reads for {@code text}: [CLS], head, tail, [SEP]. */
  long[] tokens(String text) {
    return tokens(session().tokenizer, text);
  }

  private long[] tokens(HuggingFaceTokenizer tokenizer, String text) {
    String cut = PromptText.clip(text, headTokens * CHARS_PER_TOKEN, tailTokens * CHARS_PER_TOKEN);
    Encoding framed = tokenizer.encode(cut.isBlank() ? "." : cut, true, false);
    long[] all = framed.getIds();
    int inner = all.length - 2;
    if (inner <= headTokens + tailTokens) {
      return all;
    }
    long[] ids = new long[headTokens + tailTokens + 2];
    System.arraycopy(all, 0, ids, 0, 1 + headTokens);
    System.arraycopy(all, all.length - 1 - tailTokens, ids, 1 + headTokens, tailTokens + 1);
    return ids;
  }

  private Session session() {
    Session loaded = session;
    if (loaded == null) {
      synchronized (this) {
        loaded = session;
        if (loaded == null) {
          // DJL's tokenizer probes for CUDA and logs a warning on every CPU-only machine.
          quietLogger.setLevel(Level.SEVERE);
          loaded = Session.open();
          session = loaded;
        }
      }
    }
    return loaded;
  }

  /** The ONNX session and the tokenizer, both thread-safe. */
  private record Session(
      OrtEnvironment environment, OrtSession onnx, HuggingFaceTokenizer tokenizer) {
    static Session open() {
      try (InputStream model = resource(MODEL);
          InputStream vocabulary = resource(TOKENIZER);
          OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession onnx = environment.createSession(model.readAllBytes(), options);
        HuggingFaceTokenizer tokenizer =
            HuggingFaceTokenizer.newInstance(
                vocabulary, Map.of("padding", "false", "truncation", "false"));
        return new Session(environment, onnx, tokenizer);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the embedding model", e);
      } catch (OrtException e) {
        throw new IllegalStateException("cannot start the embedding model", e);
      }
    }

    float[] run(long[] ids) {
      long[] shape = {1, ids.length};
      long[] ones = new long[ids.length];
      Arrays.fill(ones, 1);
      try (OnnxTensor input = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
          OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(ones), shape);
          OnnxTensor types =
              OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape);
          OrtSession.Result result =
              onnx.run(
                  Map.of("input_ids", input, "attention_mask", mask, "token_type_ids", types))) {
        FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
        return meanUnit(hidden, ids.length);
      } catch (OrtException e) {
        throw new IllegalStateException("embedding failed", e);
      }
    }

    private static InputStream resource(String name) throws IOException {
      InputStream in = Embedder.class.getClassLoader().getResourceAsStream(name);
      if (in == null) {
        throw new IOException(name + " is missing from the class path");
      }
      return in;
    }
  }

  /** The mean of {@code tokens} vectors laid out one after another, scaled to unit length. */
  private static float[] meanUnit(FloatBuffer hidden, int tokens) {
    float[] vector = new float[DIMENSION];
    for (int t = 0; t < tokens; t++) {
      for (int i = 0; i < DIMENSION; i++) {
        vector[i] += hidden.get(t * DIMENSION + i);
      }
    }
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    float inverse = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < vector.length; i++) {
      vector[i] *= inverse;
    }
    return vector;
  }
}
